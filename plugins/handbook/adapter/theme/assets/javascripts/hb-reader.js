/* Reading aids that need a script (the page works without it):
   - term links on touch screens: the first tap shows the term's one-sentence definition (Material's
     tooltip, shown on focus) and stays on the page; a second tap on the same link opens the term;
   - the A–Z letter bar's height, so the heading a letter jumps to is not hidden under it. */
(function () {
  "use strict";
  var lastPointer = "";
  var armed = null;
  document.addEventListener("pointerdown", function (ev) { lastPointer = ev.pointerType; }, true);
  document.addEventListener("click", function (ev) {
    var link = ev.target && ev.target.closest ? ev.target.closest(".md-content a.hb-term") : null;
    if (!link) { armed = null; return; }
    if (lastPointer !== "touch" || link === armed) { return; }  // mouse, keyboard, or second tap
    ev.preventDefault();
    armed = link;
    link.focus();  // Material shows the tooltip of the focused link
  }, true);
  document.addEventListener("focusout", function (ev) { if (ev.target === armed) { armed = null; } }, true);

  function measureLetterBar() {
    var bar = document.querySelector(".md-typeset .hb-az");
    if (bar) {
      document.documentElement.style.setProperty("--hb-az-height", bar.getBoundingClientRect().height + "px");
    }
  }
  measureLetterBar();
  window.addEventListener("resize", measureLetterBar);
})();
