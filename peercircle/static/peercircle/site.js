// Small progressive enhancements. Everything works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Ask before destructive actions marked with data-confirm.
  document.body.addEventListener("submit", (event) => {
    const message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });
  // Move focus to the first error so screen reader and keyboard users land on it.
  const error = document.querySelector(".errorlist");
  if (error) {
    error.setAttribute("tabindex", "-1");
    error.focus();
  }
});
document.addEventListener("htmx:afterSwap", (event) => {
  // Fired on the new content; detail.target is the old element, gone after an outerHTML swap.
  const error = event.target.querySelector && event.target.querySelector(".errorlist");
  if (error) { error.setAttribute("tabindex", "-1"); error.focus(); }
});
