() => {
  // Interactive elements a page declares, with their boxes in screenshot pixels.
  const d = window.devicePixelRatio;
  const byRole = {tab: "tab", menuitem: "menu_item", menuitemcheckbox: "menu_item", menuitemradio: "menu_item",
    button: "button", link: "link", checkbox: "checkbox", switch: "toggle", radio: "radio", combobox: "dropdown",
    textbox: "input", searchbox: "input"};
  const kind = el => {
    const role = (el.getAttribute("role") || "").toLowerCase();
    if (role) return byRole[role] || null;
    const tag = el.tagName.toLowerCase();
    if (tag === "a") return el.hasAttribute("href") ? "link" : null;
    if (tag === "button") return "button";
    if (tag === "select") return "dropdown";
    if (tag === "textarea") return "input";
    if (tag !== "input") return null;
    const t = (el.getAttribute("type") || "text").toLowerCase();
    if (["submit", "button", "reset", "image"].includes(t)) return "button";
    if (t === "checkbox" || t === "radio") return t;
    return t === "hidden" || t === "file" ? null : "input";
  };
  const visible = (el, r) => {
    if (r.width < 4 || r.height < 4 || r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth || r.top >= innerHeight) return false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.visibility === "hidden" || s.display === "none" || parseFloat(s.opacity) === 0) return false;
    }
    const x = Math.min(innerWidth - 1, Math.max(0, (r.left + r.right) / 2));
    const y = Math.min(innerHeight - 1, Math.max(0, (r.top + r.bottom) / 2));
    const top = document.elementFromPoint(x, y);
    return !!top && (top === el || el.contains(top) || (el.labels && [...el.labels].some(l => l.contains(top))));
  };
  const found = [];
  for (const el of document.querySelectorAll("a,button,input,select,textarea,[role]")) {
    const type = kind(el);
    if (!type) continue;
    const r = el.getBoundingClientRect();
    if (!visible(el, r)) continue;
    const label = (el.getAttribute("aria-label") || el.innerText || el.value || el.title || el.placeholder || "").trim();
    const box = [Math.max(0, r.left), Math.max(0, r.top), Math.min(innerWidth, r.right), Math.min(innerHeight, r.bottom)];
    found.push({el, type, label: label.replace(/\s+/g, " ").slice(0, 80), box: box.map(v => Math.round(v * d))});
  }
  // a control inside another (a span with role=button inside a link) is the same control: keep the outer one
  return found.filter(f => !found.some(o => o !== f && o.el.contains(f.el)))
              .map(({type, label, box}) => ({type, label, box}));
}
