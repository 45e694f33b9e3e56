"""Page families the grounding code was not tuned on, asked in `gui_phrases`' own words.

Checkout with shipping options, an inbox list, a log-in card, a kanban board, an invoice table, a
phone settings list, a spreadsheet ribbon with two-line labels, a calculator, a search page with a
context menu and an app store list. Targets carry `data-t`, typed elements `data-e`; a target with
no `data-e` (a whole list row) is reported as type "row".
"""

from __future__ import annotations

from bench.gui_pages import DARK, GREY, LIGHT, Page, _doc, icon
from bench.gui_phrases import Ask, render


def _page(name: str, html: str, w: int, h: int, asks: list[Ask], dpr: float = 1.0) -> Page:
    return Page(
        f"unseen-{name}", html, w, h, dpr, [(a.kind, render(a, f"{name}/{i}"), a.key) for i, a in enumerate(asks)]
    )


def _t(label: str, key: str) -> Ask:
    return Ask("text", "text", key, {"label": label})


def _p(said: str, key: str) -> Ask:
    return Ask("paraphrase", "said", key, {"said": said})


def checkout() -> Page:
    ships = [
        ("Standard delivery", "5–7 business days", "$4.99"),
        ("Express", "2 business days", "$12.99"),
        ("Next day", "Order before 2 pm", "$24.99"),
        ("Store pickup", "Ready in 4 hours", "Free"),
    ]
    opts = "".join(
        f"<label style='padding:10px;border:1px solid var(--line);border-radius:8px;width:420px;justify-content:space-between'>"
        f"<span class=row><input type=radio name=ship data-e=radio data-t=ship{i} {'checked' if i == 0 else ''}>"
        f"<span class=col style='gap:2px'><b>{a}</b><span class=muted>{b}</span></span></span><span>{c}</span></label>"
        for i, (a, b, c) in enumerate(ships)
    )
    items = "".join(
        f"<div class=row style='justify-content:space-between;width:380px'><span>{n}</span><span>{p}</span>"
        f"<a href=# data-e=link data-t=rm{i}>Remove</a></div>"
        for i, (n, p) in enumerate(
            [("Ceramic mug", "$18.00"), ("Linen apron", "$32.00"), ("Oak coaster set", "$21.00")]
        )
    )
    body = f"""<div style="display:flex;gap:60px;padding:30px 60px">
 <div class=col style="gap:10px"><h2 style="margin:0">Checkout</h2><h3 style="margin:8px 0 0">Shipping method</h3>{opts}
  <h3 style="margin:8px 0 0">Payment</h3>
  <div class=row><label><input type=radio name=pay checked data-e=radio data-t=card>Credit card</label><label><input type=radio name=pay data-e=radio data-t=paypal>PayPal</label></div>
  <div class=row style="margin-top:16px"><a href=# data-e=link data-t=back>Back to cart</a><button class="btn primary" data-e=button data-t=place>Place order</button></div></div>
 <div class=col style="gap:12px"><h3 style="margin:0">Order summary</h3>{items}
  <div class=row><span data-e=text>Promo code</span><input type=text placeholder="Enter code" data-e=input data-t=promo style="width:160px"><button class=btn data-e=button data-t=apply>Apply</button></div>
  <div class=row style="justify-content:space-between;width:380px"><b>Total</b><b>$75.99</b></div></div></div>"""
    return _page(
        "checkout",
        _doc(LIGHT, body, 14),
        1440,
        900,
        [
            _t("Place order", "place"),
            _t("Back to cart", "back"),
            _t("Express", "ship1"),
            _t("Apply", "apply"),
            _p("finish my purchase", "place"),
            _p("use a discount coupon", "promo"),
            _p("return to my basket", "back"),
            Ask("type+label", "type+label", "paypal", {"label": "PayPal", "type": "radio"}),
            Ask("type+label", "type+label", "promo", {"label": "Promo code", "type": "input"}),
            Ask("ordinal", "ordinal", "ship2", {"n": 3, "group": "shipping option"}),
            Ask("ordinal", "ordinal", "ship3", {"n": -1, "group": "shipping option"}),
            Ask("ordinal", "ordinal_of", "rm1", {"n": 2, "group": "product", "type": "link"}),
            Ask("relation", "right", "apply", {"anchor": "Enter code", "type": "button"}),
            Ask("relation", "row", "rm2", {"anchor": "Oak coaster set", "type": "link"}),
        ],
    )


def inbox() -> Page:
    msgs = [
        ("Priya Natarajan", "Design review notes", "10:41"),
        ("Octopus Energy", "Your March statement", "09:02"),
        ("Tomás Herrera", "Flights for the offsite", "Tue"),
        ("Build bot", "Nightly build failed", "Mon"),
        ("Grace Liu", "Lunch and learn slides", "Sun"),
    ]
    rows = "".join(
        f"<div class=row data-t=msg{i} style='padding:10px 14px;border-bottom:1px solid var(--line)'><input type=checkbox data-e=checkbox data-t=cb{i}>"
        f"{icon('star', f'st{i}', 'lucide', 16)}<b style='width:160px'>{s}</b><span style='flex:1'>{t}</span><span class=muted>{d}</span></div>"
        for i, (s, t, d) in enumerate(msgs)
    )
    body = f"""<div class=row style="padding:10px 14px;border-bottom:1px solid var(--line)"><button class="btn primary" data-e=button data-t=compose>Compose</button>
 <button class=btn data-e=button data-t=archive>Archive</button><button class=btn data-e=button data-t=markread>Mark as read</button><button class=btn data-e=button data-t=moveto>Move to</button>
 <span style="flex:1"></span><input type=search placeholder="Search messages" data-e=input data-t=search style="width:300px"></div>{rows}"""
    return _page(
        "inbox",
        _doc(GREY, body, 13),
        1280,
        720,
        [
            _t("Mark as read", "markread"),
            _t("Move to", "moveto"),
            _t("Nightly build failed", "msg3"),
            _p("write a new email", "compose"),
            _p("look for a message", "search"),
            _p("file these away", "archive"),
            Ask("type+label", "type+label", "search", {"label": "Search messages", "type": "input"}),
            Ask("ordinal", "ordinal_of", "cb1", {"n": 2, "group": "message", "type": "checkbox"}),
            Ask("ordinal", "ordinal_of", "cb4", {"n": -1, "group": "message", "type": "checkbox"}),
            Ask("ordinal", "ordinal", "cb2", {"n": 3, "group": "checkbox"}),
            Ask("relation", "row", "cb2", {"anchor": "Tomás Herrera", "type": "checkbox"}),
            Ask("relation", "row", "st1", {"anchor": "Octopus Energy", "type": "icon"}),
            Ask("relation", "right", "markread", {"anchor": "Archive", "type": "button"}),
        ],
    )


def signin_card() -> Page:
    body = """<div class=col style="width:340px;margin:40px auto;gap:10px">
 <h2 style="margin:0 0 10px">Welcome back</h2>
 <span data-e=text>Email</span><input type=email data-e=input data-t=email style="width:100%">
 <span data-e=text>Password</span><input type=password data-e=input data-t=pw style="width:100%">
 <div class=row style="justify-content:space-between"><label><input type=checkbox data-e=checkbox data-t=keep>Keep me signed in</label><a href=# data-e=link data-t=forgot>Forgot your password?</a></div>
 <button class="btn primary" data-e=button data-t=login style="width:100%">Log in</button>
 <button class=btn data-e=button data-t=apple style="width:100%">Continue with Apple</button>
 <div class=muted style="margin-top:14px">Don't have an account? <a href=# data-e=link data-t=signup>Sign up</a></div>
 <div class=muted>Need help? <a href=# data-e=link data-t=support>Contact support</a></div></div>"""
    return _page(
        "signin",
        _doc(LIGHT, body, 15),
        412,
        800,
        [
            _t("Log in", "login"),
            _t("Continue with Apple", "apple"),
            _t("Sign up", "signup"),
            _p("I forgot my password", "forgot"),
            _p("stay logged in", "keep"),
            _p("create a new account", "signup"),
            _p("get in touch with the help desk", "support"),
            Ask("type+label", "type+label", "keep", {"label": "Keep me signed in", "type": "checkbox"}),
            Ask("type+label", "type+label", "pw", {"label": "Password", "type": "input"}),
            Ask("relation", "after", "signup", {"anchor": "Don't have an account?", "type": "link"}),
            Ask("relation", "after", "support", {"anchor": "Need help?", "type": "link"}),
            Ask("relation", "below", "apple", {"anchor": "Log in", "type": "button"}),
        ],
        dpr=2.0,
    )


def kanban() -> Page:
    cols = [
        ("To do", ["Write release notes", "Audit npm packages", "Rotate API keys"]),
        ("In progress", ["Migrate billing to Stripe", "Dark mode polish"]),
        ("Done", ["Fix login redirect", "Upgrade Postgres"]),
    ]
    html = ""
    for c, (title, cards) in enumerate(cols):
        cs = "".join(
            f"<div data-t=card{c}{j} style='background:var(--panel);padding:10px;border-radius:6px'>{t}</div>"
            for j, t in enumerate(cards)
        )
        html += (
            f"<div class=col style='width:300px;background:var(--selbg);padding:10px;border-radius:8px;gap:8px'>"
            f"<div class=row style='justify-content:space-between'><b>{title} <span class=muted>{len(cards)}</span></b>{icon('more', f'more{c}', 'lucide', 16)}</div>"
            f"{cs}<button class=btn data-e=button data-t=add{c}>+ Add card</button></div>"
        )
    body = f"""<div class=row style="padding:12px 20px;border-bottom:1px solid var(--line)"><b style="font-size:16px">Platform sprint 14</b><span style="flex:1"></span>
 <button class=btn data-e=button data-t=filter>Filter</button><button class="btn primary" data-e=button data-t=newtask>New task</button></div>
 <div class=row style="align-items:flex-start;padding:20px;gap:20px">{html}</div>"""
    return _page(
        "kanban",
        _doc(DARK, body, 13),
        1280,
        720,
        [
            _t("Migrate billing to Stripe", "card10"),
            _t("New task", "newtask"),
            _t("Upgrade Postgres", "card21"),
            _p("create a task", "newtask"),
            Ask("relation", "column", "more0", {"what": "options menu", "anchor": "To do"}),
            Ask("relation", "column", "more2", {"what": "more button", "anchor": "Done"}),
            Ask("relation", "column", "add1", {"what": "Add card button", "anchor": "In progress"}),
            Ask("relation", "column", "add0", {"what": "add card button", "anchor": "To do"}),
            Ask("ordinal", "ordinal", "card01", {"n": 2, "group": "card in To do"}),
        ],
    )


def invoices() -> Page:
    rows = [
        ("INV-6601", "Acme Corp", "$1,200.00", "Paid"),
        ("INV-6607", "Globex", "$860.50", "Overdue"),
        ("INV-6612", "Initech", "$4,310.00", "Paid"),
        ("INV-6615", "Umbrella Ltd", "$97.20", "Draft"),
        ("INV-6620", "Hooli", "$2,045.00", "Paid"),
    ]
    trs = "".join(
        f"<tr><td>{a}</td><td>{b}</td><td>{c}</td><td>{d}</td><td><a href=# data-e=link data-t=dl{i}>Download</a></td>"
        f"<td><button class=btn data-e=button data-t=del{i} style='padding:3px 10px'>Delete</button></td></tr>"
        for i, (a, b, c, d) in enumerate(rows)
    )
    body = f"""<div class=col style="padding:24px 40px;gap:12px"><div class=row style="justify-content:space-between;width:900px"><h2 style="margin:0">Invoices</h2>
 <div class=row><button class=btn data-e=button data-t=export>Export CSV</button><button class="btn primary" data-e=button data-t=new>New invoice</button></div></div>
 <div class=tabs style="width:900px"><span class="tab sel" data-e=tab data-t=t_all>All</span><span class=tab data-e=tab data-t=t_paid>Paid</span><span class=tab data-e=tab data-t=t_over>Overdue</span><span class=tab data-e=tab data-t=t_draft>Drafts</span></div>
 <table style="width:900px"><tr><th>Invoice</th><th>Client</th><th>Amount</th><th>Status</th><th></th><th></th></tr>{trs}</table></div>"""
    return _page(
        "invoices",
        _doc(LIGHT, body, 13),
        1920,
        1080,
        [
            _t("New invoice", "new"),
            _t("Export CSV", "export"),
            _t("Overdue", "t_over"),
            _p("create an invoice", "new"),
            _p("save the list as a spreadsheet", "export"),
            Ask("relation", "verb_row", "del3", {"verb": "delete invoice", "anchor": "INV-6615"}),
            Ask("relation", "verb_row", "dl2", {"verb": "download invoice", "anchor": "INV-6612"}),
            Ask("relation", "row", "del1", {"anchor": "Globex", "type": "button"}),
            Ask("relation", "row", "dl4", {"anchor": "Hooli", "type": "link"}),
            Ask("type+label", "type+label", "t_draft", {"label": "Drafts", "type": "tab"}),
            Ask("ordinal", "ordinal", "t_over", {"n": 3, "group": "tab"}),
            Ask("ordinal", "ordinal", "dl1", {"n": 2, "group": "Download link"}),
            Ask("ordinal", "ordinal", "del4", {"n": -1, "group": "Delete button"}),
        ],
    )
