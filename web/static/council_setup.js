// Council set-up (issue 21): a refused act answers with the page and its one sentence beside
// the form (403, 404, 409, 422); swap it in as a success is, instead of dropping it.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  var form = event.detail.elt;
  if ([403, 404, 409, 422].indexOf(status) >= 0 && form.closest && form.closest("[data-swap-errors]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
