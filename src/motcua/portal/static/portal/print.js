// The receipt's print button (no inline script, so a strict Content-Security-Policy can be used).
document.getElementById("print")?.addEventListener("click", () => window.print());
