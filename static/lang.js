// Sets the page's <html lang> to the language the dashboard speaks. The app adds this script
// with the language in `data-lang` (components/widgets.py, page_language); Streamlit's own page
// always says "en". A file, not inline code: the served Content-Security-Policy runs scripts from
// this origin only.
(function () {
  var script = document.currentScript;
  var lang = script ? script.getAttribute("data-lang") : null;
  if (lang && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) {
    document.documentElement.setAttribute("lang", lang);
  }
})();
