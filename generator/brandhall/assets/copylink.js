/* brandhall: the 复制链接 button of brand and case pages. The button is hidden in the
 * HTML and shown here, so a reader without JavaScript never sees a dead button. Uses the
 * Clipboard API where the page may (https, localhost), else the older copy command
 * (intranet sites on plain http); if both fail, the link is shown selected for Ctrl+C. */
(function () {
  "use strict";

  function pageUrl() {
    return window.location.href.split("#")[0];
  }

  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function showForManualCopy(button, text) {
    var box = button.parentNode.querySelector(".bh-copy-box");
    if (!box) {
      box = document.createElement("input");
      box.type = "text";
      box.readOnly = true;
      box.className = "bh-copy-box";
      box.setAttribute("aria-label", "本页链接");
      button.parentNode.appendChild(box);
    }
    box.value = text;
    box.focus();
    box.select();
  }

  function init() {
    var buttons = document.querySelectorAll("[data-bh-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      var status = button.parentNode.querySelector(".bh-copy-status");
      function say(text) {
        if (status) status.textContent = text;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var url = pageUrl();
        say("");
        function fallback() {
          if (legacyCopy(url)) {
            say("链接已复制");
          } else {
            showForManualCopy(button, url);
            say("无法自动复制，请按 Ctrl+C 复制选中的链接");
          }
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(function () {
            say("链接已复制");
          }, fallback);
        } else {
          fallback();
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
