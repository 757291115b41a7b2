// govshare.js enhances pages with govuk-frontend's components (the menu
// toggle on small screens, focus on an error summary, and the like). Every
// page works without it.
//
// The layout's inline script marks <body> with govuk-frontend-supported
// when the browser runs ES modules; this module then imports govuk-frontend
// from the versioned address its <script> tag names, so that the address,
// like every static file's, changes with the file's content.
const script = document.querySelector("script[data-govuk-frontend]");
if (script && document.body.classList.contains("govuk-frontend-supported")) {
  import(script.dataset.govukFrontend).then(({ initAll }) => initAll());
}
