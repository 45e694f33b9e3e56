"""More unseen families: a phone settings list, an app store list, a spreadsheet ribbon, a calculator,
and a search page with an open context menu (see `gui_unseen` for the conventions)."""

from __future__ import annotations

from bench.gui_pages import DARK, LIGHT, Page, _doc
from bench.gui_phrases import Ask
from bench.gui_unseen import _p, _page, _t

PHONE = """.li { display:flex; align-items:center; justify-content:space-between; padding:14px 20px; border-bottom:1px solid var(--line); }
.li .col { gap:2px; } .sub { color: var(--muted); font-size: 13px; }"""


def phone_settings() -> Page:
    rows = [
        ("Airplane mode", "", False),
        ("Wi-Fi", "HomeNet-5G", True),
        ("Bluetooth", "Off", False),
        ("Mobile data", "Vodafone", True),
        ("Vibrate for calls", "", True),
        ("Do not disturb", "Off", False),
        ("Battery saver", "Turns on at 15%", False),
    ]
    html = "".join(
        f"<div class=li data-t=row{i}><div class=col><span>{a}</span>{f'<span class=sub>{b}</span>' if b else ''}</div>"
        f"<span class='switch{' on' if on else ''}' data-e=toggle data-t=tg{i}></span></div>"
        for i, (a, b, on) in enumerate(rows)
    )
    body = f"""<div style="padding:18px 20px;font-size:22px">Network &amp; sound</div>{html}
 <div class=li data-t=row_adv><div class=col><span>Advanced</span><span class=sub>Hotspot, VPN, private DNS</span></div></div>"""
    return _page(
        "phone-settings",
        _doc(LIGHT, body, 16, PHONE),
        412,
        915,
        [
            _t("Vibrate for calls", "row4"),
            _t("Bluetooth", "row2"),
            _t("Advanced", "row_adv"),
            _t("Battery saver", "row6"),
            _p("turn on airplane mode", "tg0"),
            _p("switch off the cellular connection", "tg3"),
            _p("silence all notifications", "tg5"),
            Ask("type+label", "type+label", "tg1", {"label": "Wi-Fi", "type": "toggle"}),
            Ask("relation", "row", "tg6", {"anchor": "Battery saver", "type": "toggle"}),
            Ask("ordinal", "ordinal", "tg2", {"n": 3, "group": "switch"}),
            Ask("ordinal", "ordinal", "tg6", {"n": -1, "group": "toggle"}),
        ],
        dpr=2.625,
    )


def app_store() -> Page:
    apps = [
        ("Kona for arm64", "Terminal tools"),
        ("AdGuard for Android", "Ad blocking"),
        ("Notes for Work", "Productivity"),
        ("Open Camera", "Photography"),
        ("Tasks: to do list", "Productivity"),
    ]
    html = "".join(
        f"<div class=li><div class=col><span data-e=text data-t=app{i}>{a}</span><span class=sub>{b}</span></div>"
        f"<button class='btn primary' data-e=button data-t=inst{i}>Install</button></div>"
        for i, (a, b) in enumerate(apps)
    )
    body = f"""<div class=row style="padding:14px 20px"><input type=search placeholder="Search apps" data-e=input data-t=q style="flex:1"></div>{html}"""
    return _page(
        "app-store",
        _doc(DARK, body, 16, PHONE),
        412,
        915,
        [
            _t("Kona for arm64", "app0"),
            _t("AdGuard for Android", "app1"),
            _t("Tasks: to do list", "app4"),
            _p("find an app", "q"),
            Ask("relation", "row", "inst1", {"anchor": "AdGuard for Android", "type": "button"}),
            Ask("relation", "row", "inst2", {"anchor": "Notes for Work", "type": "button"}),
            Ask("ordinal", "ordinal", "inst3", {"n": 4, "group": "Install button"}),
        ],
        dpr=2.625,
    )


RIBBON = """.rb { display:flex; flex-direction:column; align-items:center; justify-content:flex-start; width:64px; height:64px; padding:4px;
  background:none; border:1px solid transparent; font-size:12px; line-height:14px; text-align:center; }
.rb i { display:block; width:26px; height:22px; margin-bottom:4px; background:#217346; border-radius:3px; }
.sm { background:none; border:1px solid transparent; font-size:12px; padding:3px 6px; text-align:left; }
.grp { display:flex; gap:4px; padding:4px 10px; border-right:1px solid var(--line); align-items:flex-start; }"""


def ribbon() -> Page:
    def big(label: str, key: str) -> str:
        return f"<button class=rb data-e=button data-t={key}><i></i>{label}</button>"

    tabs = "".join(
        f"<span class='tab{' sel' if t == 'Home' else ''}' data-e=tab data-t=tab_{t.split()[0].lower()}>{t}</span>"
        for t in ["File", "Home", "Insert", "Page Layout", "Formulas", "Data", "Review", "View"]
    )
    body = f"""<div class=tabs style="padding:0 16px">{tabs}</div>
 <div class=row style="padding:6px 8px;border-bottom:1px solid var(--line);align-items:flex-start;gap:0">
  <div class=grp>{big("Paste", "paste")}</div>
  <div class=grp><div class=col style="gap:2px"><button class=sm data-e=button data-t=wrap>Wrap Text</button><button class=sm data-e=button data-t=merge>Merge &amp; Center</button></div></div>
  <div class=grp>{big("Conditional<br>Formatting", "cond")}{big("Format as<br>Table", "fmt")}{big("Cell<br>Styles", "styles")}</div>
  <div class=grp>{big("Insert", "ins")}{big("Delete", "del")}{big("Format", "format")}</div>
  <div class=grp>{big("Sort &amp;<br>Filter", "sort")}{big("Find &amp;<br>Select", "find")}{big("Analyze<br>Data", "analyze")}</div></div>
 <div style="position:fixed;left:700px;top:300px;width:380px;background:#fff;border:1px solid #999;box-shadow:0 6px 20px rgba(0,0,0,.25);padding:14px" class=col>
  <b>Format Cells</b><span class=muted>Number  Alignment  Font  Border  Fill</span>
  <label><input type=checkbox data-e=checkbox data-t=shrink>Shrink to fit</label>
  <div class=row style="justify-content:flex-end"><button class=btn data-e=button data-t=ok style="width:80px">OK</button><button class=btn data-e=button data-t=cancel style="width:80px">Cancel</button></div></div>"""
    return _page(
        "ribbon",
        _doc(LIGHT, body, 13, RIBBON),
        1920,
        1080,
        [
            _t("Analyze Data", "analyze"),
            _t("Sort & Filter", "sort"),
            _t("Wrap Text", "wrap"),
            _t("Format as Table", "fmt"),
            _t("OK", "ok"),
            _t("Cell Styles", "styles"),
            _t("Merge & Center", "merge"),
            _t("Page Layout", "tab_page"),
            _p("combine these cells", "merge"),
            _p("put the copied cells here", "paste"),
            Ask("type+label", "type+label", "tab_formulas", {"label": "Formulas", "type": "tab"}),
            Ask("type+label", "type+label", "shrink", {"label": "Shrink to fit", "type": "checkbox"}),
            Ask("relation", "in", "cancel", {"label": "Cancel", "type": "button", "anchor": "Format Cells"}),
            Ask("ordinal", "ordinal", "tab_insert", {"n": 3, "group": "tab"}),
        ],
    )


def calculator() -> Page:
    keys = ["C", "±", "%", "÷", "7", "8", "9", "×", "4", "5", "6", "−", "1", "2", "3", "+", "0", ".", "⌫", "="]
    grid = "".join(
        f"<button class=btn data-e=button data-t=k{i} style='height:64px;font-size:22px'>{k}</button>"
        for i, k in enumerate(keys)
    )
    body = f"""<div style="padding:20px;text-align:right;font-size:40px">1,284</div>
 <div style="display:grid;grid-template-columns:repeat(4,1fr);gap:10px;padding:14px">{grid}</div>"""
    return _page(
        "calculator",
        _doc(DARK, body, 16),
        360,
        520,
        [
            _t("C", "k0"),
            _t("7", "k4"),
            _t("=", "k19"),
            _t("5", "k9"),
            _p("clear the display", "k0"),
            Ask("relation", "right", "k5", {"anchor": "7", "type": "button"}),
            Ask("relation", "below", "k12", {"anchor": "4", "type": "button"}),
        ],
        dpr=2.0,
    )


def search_page() -> Page:
    menu = "".join(
        f"<div data-e=menu_item data-t=cm{i} style='padding:6px 16px'>{t}</div>"
        for i, t in enumerate(
            ["Open image in new tab", "Open image as background", "Save image as…", "Copy image", "Copy image address"]
        )
    )
    body = f"""<div class=col style="align-items:center;margin-top:120px;gap:18px"><div style="font-size:44px;color:#4f46e5">Findly</div>
 <input type=search value="weather berlin" placeholder="Search the web" data-e=input data-t=q style="width:560px;border-radius:22px;padding:10px 18px">
 <div class=row><button class=btn data-e=button data-t=go>Findly Search</button><button class=btn data-e=button data-t=lucky>Surprise me</button></div>
 <div class=row style="gap:24px"><a href=# data-e=link data-t=images>Images</a><a href=# data-e=link data-t=news>News</a><a href=# data-e=link data-t=maps>Maps</a></div></div>
 <div style="position:fixed;left:820px;top:420px;width:260px;background:#fff;border:1px solid #ccc;box-shadow:0 4px 14px rgba(0,0,0,.2);padding:4px 0">{menu}</div>"""
    return _page(
        "search",
        _doc(LIGHT, body, 14),
        1280,
        800,
        [
            _t("Findly Search", "go"),
            _t("Open image as background", "cm1"),
            _t("Copy image", "cm3"),
            _t("Surprise me", "lucky"),
            _p("set this picture as the wallpaper", "cm1"),
            _p("run the search", "go"),
            _p("download the picture", "cm2"),
            Ask("type+label", "type+label", "q", {"label": "search", "type": "input"}),
            Ask("ordinal", "ordinal", "maps", {"n": 3, "group": "link"}),
            Ask("relation", "right", "news", {"anchor": "Images", "type": "link"}),
        ],
    )
