// Enhancement only: every page works without this file (forms and links are plain HTML).
import { initAll } from "/static/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
