// The directory's "Use my location" button and the browser's time zone. The page works
// without this file: a town typed in "Near" does the same, and times show in the group's zone.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.directory-form");
  if (!form) return;
  const lat = form.querySelector("#search-lat");
  const lng = form.querySelector("#search-lng");
  const tz = form.querySelector("#search-tz");
  const button = form.querySelector("#use-my-location");
  const status = form.querySelector("#location-status");
  const changed = () => form.dispatchEvent(new Event("change", { bubbles: true }));

  if (tz && !tz.value && window.Intl) {
    try { tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* keep the group's zone */ }
  }
  if (!button || !("geolocation" in navigator)) return;
  button.closest(".use-location").hidden = false;
  const using = () => lat.value !== "" && lng.value !== "";

  button.addEventListener("click", () => {
    if (using()) {
      lat.value = ""; lng.value = "";
      button.textContent = button.dataset.idle;
      status.textContent = "";
      changed();
      return;
    }
    button.disabled = true;
    navigator.geolocation.getCurrentPosition((position) => {
      // Two decimals (about a kilometre) are enough to sort by distance, and say less about where you are.
      lat.value = position.coords.latitude.toFixed(2);
      lng.value = position.coords.longitude.toFixed(2);
      button.disabled = false;
      button.textContent = button.dataset.using;
      status.textContent = status.dataset.using;
      changed();
    }, () => {
      button.disabled = false;
      status.textContent = status.dataset.denied;
    }, { maximumAge: 600000, timeout: 15000 });
  });
});
