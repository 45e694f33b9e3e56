"""Realistic HTML pages for the GUI bench, with grounding instructions and their targets.

Elements carry `data-e="<type>"` (ground truth for list_elements) and targets `data-t="<key>"`;
the bench reads their boxes from the DOM. Icons are inline SVG from Lucide, Tabler (the sets the
icon library was built from) and Bootstrap Icons (held out: the library never saw them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

ICONS = json.loads((Path(__file__).parent / "gui_assets" / "icons.json").read_text())


@dataclass
class Page:
    name: str
    html: str
    width: int
    height: int
    dpr: float = 1.0
    asks: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, instruction, target key)


def icon(name: str, key: str = "", sset: str = "lucide", size: int = 18, label: str = "", button: bool = True) -> str:
    t = f' data-t="{key}"' if key else ""
    # the truth is the drawn glyph (the visible box), not the padded button around it
    svg = ICONS[sset][name].replace("<svg ", f'<svg width="{size}" height="{size}" data-e="icon"{t} ', 1)
    if button:
        return f'<button class="ib" aria-label="{label or name}">{svg}</button>'
    return f'<span class="ic">{svg}</span>'


BASE = """
* { box-sizing: border-box; }
body { margin: 0; font-family: 'DejaVu Sans', sans-serif; font-size: var(--fs, 13px); background: var(--bg); color: var(--fg); }
button { font: inherit; }
.btn { padding: 7px 14px; border-radius: 6px; border: 1px solid var(--line); background: var(--panel); color: var(--fg); }
.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
.danger { background: #dc2626; color: #fff; border-color: #dc2626; }
.ib { background: none; border: none; padding: 6px; color: var(--fg); display: inline-flex; border-radius: 6px; }
.ic { display: inline-flex; color: var(--muted); }
input[type=text], input[type=email], input[type=password], input[type=search], select {
  font: inherit; padding: 7px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--field); color: var(--fg); }
a { color: var(--link); text-decoration: none; }
label { display: inline-flex; align-items: center; gap: 8px; }
.row { display: flex; gap: 12px; align-items: center; }
.col { display: flex; flex-direction: column; gap: 6px; }
.muted { color: var(--muted); }
.switch { width: 36px; height: 20px; border-radius: 10px; background: var(--off); position: relative; display: inline-block; }
.switch::after { content: ""; position: absolute; top: 2px; left: 2px; width: 16px; height: 16px; border-radius: 8px; background: #fff; }
.switch.on { background: var(--accent); }
.switch.on::after { left: 18px; }
.tabs { display: flex; gap: 22px; border-bottom: 1px solid var(--line); }
.tab { padding: 8px 2px; color: var(--muted); }
.tab.sel { color: var(--fg); border-bottom: 2px solid var(--accent); }
.nav a { display: block; padding: 7px 12px; color: var(--fg); border-radius: 6px; }
.nav a.sel { background: var(--selbg); }
table { border-collapse: collapse; }
td, th { padding: 8px 12px; border-bottom: 1px solid var(--line); text-align: left; }
"""
LIGHT = ":root { --bg:#ffffff; --fg:#1f2328; --muted:#6b7280; --line:#d0d7de; --panel:#ffffff; --field:#ffffff; --accent:#2563eb; --link:#2563eb; --off:#cbd5e1; --selbg:#eef2ff; }"
GREY = ":root { --bg:#f6f7f9; --fg:#111827; --muted:#6b7280; --line:#d1d5db; --panel:#ffffff; --field:#ffffff; --accent:#0f766e; --link:#1d4ed8; --off:#d1d5db; --selbg:#e5e7eb; }"
DARK = ":root { --bg:#1e1f22; --fg:#e6e6e6; --muted:#9aa0a6; --line:#3c3f44; --panel:#2b2d31; --field:#2b2d31; --accent:#3b82f6; --link:#60a5fa; --off:#4b5058; --selbg:#2f3136; }"


def _doc(theme: str, body: str, fs: int = 13, extra: str = "") -> str:
    return f"<!doctype html><html><head><style>{theme}{BASE}:root{{--fs:{fs}px}}{extra}</style></head><body>{body}</body></html>"


def login(dpr: float = 1.0, mobile: bool = False) -> Page:
    w = 390 if mobile else 1280
    body = f"""
<div style="max-width:360px;margin:{40 if mobile else 90}px auto;padding:0 16px" class="col">
  <h2 style="margin:0 0 12px">Sign in to Northwind</h2>
  <label for=em data-e=text>Email address</label>
  <input id=em type=email placeholder="name@company.com" data-e=input data-t=email style="width:100%">
  <label for=pw data-e=text>Password</label>
  <input id=pw type=password data-e=input data-t=password style="width:100%">
  <div class=row style="justify-content:space-between;margin:6px 0">
    <label><input type=checkbox data-e=checkbox data-t=remember><span>Remember me</span></label>
    <a href=# data-e=link data-t=forgot>Forgot password?</a>
  </div>
  <button class="btn primary" data-e=button data-t=signin style="width:100%">Sign in</button>
  <button class="btn" data-e=button data-t=google style="width:100%">Continue with Google</button>
  <div class="muted" style="margin-top:10px">New here? <a href=# data-e=link data-t=signup>Create an account</a></div>
</div>"""
    return Page(
        "login-mobile" if mobile else "login",
        _doc(LIGHT, body, 14 if mobile else 13),
        w,
        844 if mobile else 800,
        dpr,
        [
            ("text", "Sign in", "signin"),
            ("text", "Forgot password?", "forgot"),
            ("text", "Continue with Google", "google"),
            ("paraphrase", "log in", "signin"),
            ("paraphrase", "sign up", "signup"),
            ("paraphrase", "reset password", "forgot"),
            ("paraphrase", "sing in", "signin"),
            ("type+label", "the Email address field", "email"),
            ("type+label", "the Password input", "password"),
            ("type+label", "the Remember me checkbox", "remember"),
            ("relation", "the input below 'Email address'", "email"),
            ("relation", "the checkbox next to Remember me", "remember"),
            ("relation", "the link right of 'New here?'", "signup"),
            ("relation", "the button below Sign in", "google"),
        ],
    )


def settings(dark: bool = False) -> Page:
    body = """
<div style="display:flex;height:100vh">
 <div class=nav style="width:220px;padding:16px;border-right:1px solid var(--line)">
  <div style="font-weight:bold;margin:4px 12px 14px">Settings</div>
  <a href=# class=sel data-e=menu_item data-t=nav_profile>Profile</a><a href=# data-e=menu_item data-t=nav_account>Account</a>
  <a href=# data-e=menu_item data-t=nav_notif>Notifications</a><a href=# data-e=menu_item data-t=nav_privacy>Privacy</a>
  <a href=# data-e=menu_item data-t=nav_billing>Billing</a>
 </div>
 <div style="flex:1;padding:24px 40px" class=col>
  <div class=tabs><span class="tab sel" data-e=tab data-t=tab_general>General</span><span class=tab data-e=tab data-t=tab_security>Security</span><span class=tab data-e=tab data-t=tab_advanced>Advanced</span></div>
  <div class=row style="margin-top:18px"><span data-e=text style="width:90px">Name</span><input type=text value="Ada Lovelace" data-e=input data-t=name style="width:300px"></div>
  <div class=row><span data-e=text style="width:90px">Username</span><input type=text placeholder="@handle" data-e=input data-t=username style="width:300px"></div>
  <div class=row><span data-e=text style="width:90px">Language</span><select data-e=dropdown data-t=language style="width:200px"><option>English (US)</option></select></div>
  <div class=row><span data-e=text style="width:90px">Time zone</span><select data-e=dropdown data-t=timezone style="width:200px"><option>UTC+01:00 Berlin</option></select></div>
  <h3 style="margin:18px 0 4px">Notifications</h3>
  <div class=row style="width:520px;justify-content:space-between"><span data-e=text>Email notifications</span><span class="switch on" data-e=toggle data-t=t_email></span></div>
  <div class=row style="width:520px;justify-content:space-between"><span data-e=text>Push notifications</span><span class=switch data-e=toggle data-t=t_push></span></div>
  <div class=row style="width:520px;justify-content:space-between"><span data-e=text>Weekly digest</span><span class="switch on" data-e=toggle data-t=t_digest></span></div>
  <h3 style="margin:18px 0 4px">Theme</h3>
  <div class=row><label><input type=radio name=th checked data-e=radio data-t=r_light>Light</label><label><input type=radio name=th data-e=radio data-t=r_dark>Dark</label><label><input type=radio name=th data-e=radio data-t=r_system>System</label></div>
  <div class=row style="margin-top:24px"><button class="btn primary" data-e=button data-t=save>Save changes</button><button class=btn data-e=button data-t=cancel>Cancel</button>
  <a href=# data-e=link data-t=reset style="margin-left:auto">Reset to defaults</a></div>
 </div>
</div>"""
    return Page(
        "settings-dark" if dark else "settings",
        _doc(DARK if dark else GREY, body, 13),
        1440,
        900,
        1.0,
        [
            ("text", "Save changes", "save"),
            ("text", "Notifications", "nav_notif"),
            ("text", "Reset to defaults", "reset"),
            ("text", "Billing", "nav_billing"),
            ("paraphrase", "save", "save"),
            ("paraphrase", "alerts", "nav_notif"),
            ("paraphrase", "restore defaults", "reset"),
            ("type+label", "the Language dropdown", "language"),
            ("type+label", "the Push notifications toggle", "t_push"),
            ("type+label", "the Security tab", "tab_security"),
            ("type+label", "the Dark radio button", "r_dark"),
            ("type+label", "the Username field", "username"),
            ("relation", "the input right of 'Name'", "name"),
            ("relation", "the toggle right of Weekly digest", "t_digest"),
            ("relation", "the dropdown below Language", "timezone"),
            ("relation", "the button right of Save changes", "cancel"),
            ("ordinal", "the second tab", "tab_security"),
            ("ordinal", "the last radio button", "r_system"),
            ("ordinal", "the third toggle", "t_digest"),
        ],
    )


def users_table(sset: str = "lucide") -> Page:
    people = [
        ("Alice Martin", "alice@acme.io", "Admin"),
        ("Bob Stone", "bob@acme.io", "Editor"),
        ("Carol Diaz", "carol@acme.io", "Viewer"),
        ("Dan Wu", "dan@acme.io", "Editor"),
        ("Eve Adams", "eve@acme.io", "Viewer"),
    ]
    rows = "".join(
        f"<tr><td data-e=text>{n}</td><td class=muted data-e=text>{e}</td><td data-e=text>{r}</td>"
        f"<td><a href=# data-e=link data-t=edit{i}>Edit</a></td><td><button class='btn' data-e=button data-t=del{i} style='padding:4px 10px'>Delete</button></td></tr>"
        for i, (n, e, r) in enumerate(people)
    )
    body = f"""
<div style="padding:20px 32px" class=col>
 <div class=row style="justify-content:space-between"><h2 style="margin:0">Team members</h2>
  <div class=row><input type=search placeholder="Search members" data-e=input data-t=search style="width:240px">
   {icon("filter", "i_filter", sset)}{icon("download", "i_download", sset)}
   <button class="btn primary" data-e=button data-t=invite>Invite member</button></div></div>
 <table style="margin-top:12px;width:900px"><tr><th>Name</th><th>Email</th><th>Role</th><th></th><th></th></tr>{rows}</table>
 <div class=row style="margin-top:8px"><button class=btn data-e=button data-t=prev>Previous</button><span class=muted data-e=text>Page 1 of 4</span><button class=btn data-e=button data-t=next>Next</button></div>
</div>"""
    return Page(
        f"table-{sset}",
        _doc(LIGHT, body, 12),
        1280,
        720,
        1.0,
        [
            ("text", "Invite member", "invite"),
            ("text", "Next", "next"),
            ("paraphrase", "add member", "invite"),
            ("paraphrase", "previous page", "prev"),
            ("paraphrase", "invite members", "invite"),
            ("type+label", "the Search members field", "search"),
            ("type+label", "the Next button", "next"),
            ("relation", "the Delete button in the row of Carol Diaz", "del2"),
            ("relation", "the Edit link right of 'Bob Stone'", "edit1"),
            ("relation", "the button left of 'Page 1 of 4'", "prev"),
            ("ordinal", "the second Delete button", "del1"),
            ("ordinal", "the last row's Edit link", "edit4"),
            ("ordinal", "the first Edit link", "edit0"),
            ("ordinal", "the fourth Delete button", "del3"),
            ("icon", "the filter icon", "i_filter"),
            ("icon", "the download button", "i_download"),
        ],
    )


def dialog() -> Page:
    body = f"""
<div style="padding:24px" class=col>
 <h2 style="margin:0">Projects</h2>
 <div class=row><span data-e=text>apollo-web</span><button class="btn danger" data-e=button data-t=bg_delete>Delete</button><button class=btn data-e=button data-t=bg_archive>Archive</button></div>
</div>
<div style="position:fixed;inset:0;background:rgba(0,0,0,.35)"></div>
<div style="position:fixed;left:420px;top:220px;width:440px;background:#fff;border-radius:10px;padding:20px;box-shadow:0 10px 30px rgba(0,0,0,.3)" class=col>
 <div class=row style="justify-content:space-between"><b data-e=text style="font-size:15px">Delete project?</b>{icon("close", "d_close", "lucide", 18)}</div>
 <div class=muted data-e=text>This permanently deletes apollo-web and its 12 deployments.</div>
 <label style="margin-top:8px"><input type=checkbox data-e=checkbox data-t=d_confirm>I understand the consequences</label>
 <div class=row style="justify-content:flex-end;margin-top:14px"><button class=btn data-e=button data-t=d_cancel>Cancel</button><button class="btn danger" data-e=button data-t=d_delete>Delete project</button></div>
</div>"""
    return Page(
        "dialog",
        _doc(LIGHT, body, 13),
        1280,
        720,
        1.0,
        [
            ("text", "Delete project", "d_delete"),
            ("text", "Cancel", "d_cancel"),
            ("paraphrase", "remove project", "d_delete"),
            ("paraphrase", "dismiss", "d_cancel"),
            ("type+label", "the I understand the consequences checkbox", "d_confirm"),
            ("relation", "the Cancel button in the Delete project dialog", "d_cancel"),
            ("relation", "the button right of Cancel", "d_delete"),
            ("icon", "close the dialog", "d_close"),
            ("icon", "the X button", "d_close"),
        ],
    )


def toolbar(sset: str) -> Page:
    names = [
        "add",
        "save",
        "copy",
        "delete",
        "refresh",
        "download",
        "upload",
        "share",
        "search",
        "settings",
        "filter",
        "play",
        "pause",
        "home",
        "bell",
        "user",
        "help",
        "info",
        "lock",
        "star",
        "heart",
        "edit",
        "menu",
        "more",
        "mail",
        "calendar",
    ]
    btns = "".join(icon(n, f"i_{n}", sset, 18) for n in names)
    words = {
        "add": "the add button",
        "save": "the save icon",
        "copy": "copy",
        "delete": "the trash icon",
        "refresh": "reload",
        "download": "download",
        "upload": "the upload icon",
        "share": "share",
        "search": "the magnifier icon",
        "settings": "the settings gear",
        "filter": "the filter funnel",
        "play": "play",
        "pause": "pause",
        "home": "the home icon",
        "bell": "the notifications bell",
        "user": "the profile icon",
        "help": "help",
        "info": "the info icon",
        "lock": "the lock icon",
        "star": "the star",
        "heart": "like",
        "edit": "the pencil icon",
        "menu": "the hamburger menu",
        "more": "more options",
        "mail": "the mail icon",
        "calendar": "the calendar icon",
    }
    body = f"""<div style="padding:10px 16px;border-bottom:1px solid var(--line)" class=row>{btns}</div>
<div style="padding:24px"><h3 data-e=text>Untitled document</h3><p class=muted data-e=text>Start typing to add content.</p></div>"""
    kind = "icon" if sset != "bootstrap" else "icon_heldout"
    return Page(
        f"toolbar-{sset}",
        _doc(LIGHT if sset != "tabler" else DARK, body, 13),
        1280,
        400,
        1.0,
        [(kind, words[n], f"i_{n}") for n in names],
    )


def mail(width: int = 1440, height: int = 900) -> Page:
    msgs = [
        ("GitHub", "Your weekly digest", "09:12"),
        ("Stripe", "Invoice #1042 paid", "08:40"),
        ("Lena Fischer", "Re: Q3 roadmap", "Yesterday"),
        ("Linear", "3 issues assigned to you", "Yesterday"),
        ("Marco Rossi", "Lunch on Friday?", "Mon"),
    ]
    items = "".join(
        f"<div class=row style='padding:9px 12px;border-bottom:1px solid var(--line)'><input type=checkbox data-e=checkbox data-t=m{i}>"
        f"<b data-e=text style='width:120px'>{s}</b><span data-e=text style='flex:1'>{t}</span><span class=muted data-e=text>{d}</span></div>"
        for i, (s, t, d) in enumerate(msgs)
    )
    body = f"""
<div style="display:flex;height:100vh">
 <div class=nav style="width:200px;padding:12px;border-right:1px solid var(--line)">
  <button class="btn primary" data-e=button data-t=compose style="width:100%;margin-bottom:12px">Compose</button>
  <a href=# class=sel data-e=menu_item data-t=inbox>Inbox</a><a href=# data-e=menu_item data-t=starred>Starred</a><a href=# data-e=menu_item data-t=sent>Sent</a>
  <a href=# data-e=menu_item data-t=drafts>Drafts</a><a href=# data-e=menu_item data-t=archive>Archive</a><a href=# data-e=menu_item data-t=spam>Spam</a>
 </div>
 <div style="flex:1" class=col>
  <div class=row style="padding:10px 12px;border-bottom:1px solid var(--line)"><input type=search placeholder="Search mail" data-e=input data-t=q style="width:360px">
   {icon("refresh", "i_refresh", "tabler")}{icon("delete", "i_trash", "tabler")}{icon("more", "i_more", "tabler")}<span style="flex:1"></span>{icon("settings", "i_settings", "tabler")}{icon("help", "i_help", "tabler")}</div>
  {items}
 </div>
</div>"""
    return Page(
        "mail-dark" if width == 1440 else f"mail-dark-{height}p",
        _doc(DARK, body, 12),
        width,
        height,
        1.0,
        [
            ("text", "Compose", "compose"),
            ("text", "Drafts", "drafts"),
            ("text", "Archive", "archive"),
            ("paraphrase", "new message", "compose"),
            ("paraphrase", "sent items", "sent"),
            ("paraphrase", "the inbox", "inbox"),
            ("type+label", "the Search mail field", "q"),
            ("type+label", "the Spam menu item", "spam"),
            ("relation", "the checkbox left of Stripe", "m1"),
            ("relation", "the checkbox in the row of Linear", "m3"),
            ("ordinal", "the third checkbox", "m2"),
            ("ordinal", "the last checkbox", "m4"),
            ("icon", "the settings gear", "i_settings"),
            ("icon", "the refresh icon", "i_refresh"),
            ("icon", "delete", "i_trash"),
            ("icon", "the help icon", "i_help"),
        ],
    )


def ide() -> Page:
    files = ["main.py", "utils.py", "config.toml", "README.md", "tests"]
    tree = "".join(f"<a href=# data-e=menu_item data-t=f{i}>{f}</a>" for i, f in enumerate(files))
    body = f"""
<div class=row style="padding:6px 10px;border-bottom:1px solid var(--line)">{icon("menu", "i_menu", "lucide", 16)}
 <span data-e=text style="font-weight:bold">seer — main.py</span><span style="flex:1"></span>
 <button class="btn primary" data-e=button data-t=run style="padding:4px 12px">Run</button><button class=btn data-e=button data-t=debug style="padding:4px 12px">Debug</button>
 {icon("play", "i_play", "lucide", 16)}{icon("search", "i_search", "lucide", 16)}{icon("settings", "i_settings", "lucide", 16)}</div>
<div style="display:flex;height:90vh"><div class=nav style="width:180px;padding:8px;border-right:1px solid var(--line);font-size:12px">{tree}</div>
<div style="flex:1"><div class=tabs style="padding:0 12px"><span class="tab sel" data-e=tab data-t=tab_main>main.py</span><span class=tab data-e=tab data-t=tab_utils>utils.py</span><span class=tab data-e=tab data-t=tab_cfg>config.toml</span></div>
<pre style="padding:12px;margin:0;font:12px 'DejaVu Sans Mono',monospace;color:#c9d1d9">import sys\n\ndef main() -> int:\n    print("hello")\n    return 0</pre></div></div>"""
    return Page(
        "ide-dark",
        _doc(DARK, body, 12),
        1280,
        800,
        1.0,
        [
            ("text", "Run", "run"),
            ("text", "Debug", "debug"),
            ("text", "tests", "f4"),
            ("paraphrase", "run the program", "run"),
            ("paraphrase", "readme", "f3"),
            ("type+label", "the utils.py tab", "tab_utils"),
            ("type+label", "the Debug button", "debug"),
            ("relation", "the button right of Run", "debug"),
            ("relation", "the item below utils.py in the sidebar", "f2"),
            ("ordinal", "the third tab", "tab_cfg"),
            ("ordinal", "the first tab", "tab_main"),
            ("icon", "the settings gear", "i_settings"),
            ("icon", "the search icon", "i_search"),
            ("icon", "the hamburger menu", "i_menu"),
        ],
    )


def pages(quick: bool) -> list[Page]:
    ps = [login(), settings(), users_table(), dialog(), toolbar("lucide"), mail()]
    if not quick:
        ps += [
            login(dpr=2.0, mobile=True),
            settings(dark=True),
            toolbar("tabler"),
            toolbar("bootstrap"),
            ide(),
            users_table("tabler"),
            mail(1920, 1080),
        ]
    return ps
