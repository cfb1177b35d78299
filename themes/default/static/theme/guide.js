/* guidewright default theme: the narrow-screen menu and two small enhancements.
 * No dependencies; loaded with `defer`. Every page works without it: the `gw-js` class
 * it sets on <html> is what lets the stylesheet collapse the sidebar behind the button. */
(function () {
  "use strict";

  var html = document.documentElement;
  html.classList.add("gw-js");

  var button = document.querySelector(".gw-menu-button[aria-controls]");
  var sidebar = button && document.getElementById(button.getAttribute("aria-controls"));
  // Keep in step with the 60rem breakpoint in guide.css.
  var narrow = window.matchMedia("(max-width: 59.9375rem)");

  function isOpen() {
    return button.getAttribute("aria-expanded") === "true";
  }

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    sidebar.classList.toggle("gw-sidebar-open", open);
  }

  if (button && sidebar) {
    button.addEventListener("click", function () {
      setOpen(!isOpen());
    });

    // Escape closes the open menu and puts focus back on the button that opened it.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !isOpen() || !narrow.matches) {
        return;
      }
      setOpen(false);
      button.focus();
    });

    // Going wide shows the sidebar anyway: reset so a later narrow view starts closed.
    var reset = function () {
      if (!narrow.matches && isOpen()) {
        setOpen(false);
      }
    };
    if (narrow.addEventListener) {
      narrow.addEventListener("change", reset);
    } else if (narrow.addListener) {
      narrow.addListener(reset);
    }
  }

  // Wide screens: when the sidebar scrolls on its own, bring the current page into view.
  if (sidebar && !narrow.matches && sidebar.scrollHeight > sidebar.clientHeight) {
    var current = sidebar.querySelector('[aria-current="page"]');
    if (current) {
      var offset =
        current.getBoundingClientRect().top - sidebar.getBoundingClientRect().top;
      if (offset > sidebar.clientHeight * 0.75) {
        sidebar.scrollTop = offset - sidebar.clientHeight / 3;
      }
    }
  }

  // Code blocks that scroll sideways must be reachable by keyboard (tables already are).
  var blocks = document.querySelectorAll(".gw-content pre");
  for (var i = 0; i < blocks.length; i++) {
    if (blocks[i].scrollWidth > blocks[i].clientWidth && !blocks[i].hasAttribute("tabindex")) {
      blocks[i].setAttribute("tabindex", "0");
    }
  }
})();
