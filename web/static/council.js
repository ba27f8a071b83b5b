// Council scoring (issue 21): Ctrl+Enter saves the sheet and goes to the next dossier.
document.addEventListener("keydown", function (event) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    var next = document.getElementById("save-next");
    if (next) { event.preventDefault(); next.click(); }
  }
});
