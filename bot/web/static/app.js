// The Mini App's only script: Telegram's bridge in, server-rendered pages out.
// Every page is fetched with Telegram's signed initData in a header (never a cookie);
// links are "#/<page>" routes, forms are posted the same way and their answer shown.
(function () {
  "use strict";

  var HOME = "programme";
  var HEADER = "X-Telegram-Init-Data";
  var tg = window.Telegram && window.Telegram.WebApp;
  var view = document.getElementById("view");
  var initData = tg && tg.initData ? tg.initData : "";
  var depth = 0;
  var POLL_MS = 3000;
  var poller = null;

  function applyTheme() {
    var root = document.documentElement;
    var params = tg.themeParams || {};
    Object.keys(params).forEach(function (key) {
      root.style.setProperty("--tg-theme-" + key.replace(/_/g, "-"), params[key]);
    });
    root.dataset.scheme = tg.colorScheme === "dark" ? "dark" : "light";
  }

  function route() {
    var hash = window.location.hash;
    return hash.indexOf("#/") === 0 && hash.length > 2 ? hash.slice(2) : HOME;
  }

  function fromTemplate(id) {
    view.innerHTML = document.getElementById(id).innerHTML;
  }

  // A block marked data-poll (a broadcast's progress) is fetched again every few
  // seconds and replaced in place, until the server sends it without the mark.
  function poll() {
    var block = view.querySelector("[data-poll]");
    if (!block) {
      return;
    }
    poller = window.setTimeout(function () {
      var headers = {};
      headers[HEADER] = initData;
      fetch(block.getAttribute("data-poll"), { headers: headers, credentials: "omit" })
        .then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        })
        .then(function (html) {
          if (block.isConnected) {
            block.outerHTML = html;
            poll();
          }
        }, function () {
          if (block.isConnected) {
            poll();
          }
        });
    }, POLL_MS);
  }

  function show(html) {
    window.clearTimeout(poller);
    view.innerHTML = html;
    poll();
    window.scrollTo(0, 0);
    if (tg.BackButton) {
      if (route() === HOME) {
        tg.BackButton.hide();
      } else {
        tg.BackButton.show();
      }
    }
  }

  function request(path, init) {
    init = init || {};
    init.headers = init.headers || {};
    init.headers[HEADER] = initData;
    init.credentials = "omit";
    view.setAttribute("aria-busy", "true");
    return fetch(path, init)
      .then(function (response) {
        return response.text();
      })
      .then(show, function () {
        fromTemplate("offline");
      })
      .then(function () {
        view.removeAttribute("aria-busy");
      });
  }

  function load() {
    depth = route() === HOME ? 0 : depth + 1;
    return request(route());
  }

  // A form marked data-confirm (cancelling a broadcast) is posted only once the question
  // is answered yes: Telegram's own dialog, or the browser's where Telegram has none.
  function confirmed(form) {
    var question = form.getAttribute("data-confirm");
    if (!question) {
      return Promise.resolve(true);
    }
    return new Promise(function (resolve) {
      if (tg.showConfirm) {
        try {
          tg.showConfirm(question, function (ok) {
            resolve(Boolean(ok));
          });
          return;
        } catch (unsupported) {
          // Telegram clients before Bot API 6.2 throw: ask the browser's way.
        }
      }
      resolve(window.confirm(question));
    });
  }

  function submit(event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    event.preventDefault();
    // Read now: a polled block may replace the form while the question is open.
    var action = form.getAttribute("action");
    var body = new URLSearchParams(new FormData(form)).toString();
    confirmed(form).then(function (yes) {
      if (!yes) {
        return;
      }
      if (tg.HapticFeedback) {
        tg.HapticFeedback.impactOccurred("light");
      }
      request(action, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: body,
      });
    });
  }

  // A form's answer is shown under the hash of the page that posted it, so a link to that
  // same hash (the console's tab, «New broadcast») fires no hashchange: fetch it here.
  function follow(event) {
    var link = event.target instanceof Element ? event.target.closest("a[href^='#/']") : null;
    if (link && link.getAttribute("href") === window.location.hash) {
      event.preventDefault();
      request(route());
    }
  }

  function back() {
    if (depth > 1) {
      window.history.back();
    } else {
      window.location.hash = "#/" + HOME;
    }
  }

  if (!initData) {
    fromTemplate("outside");
    return;
  }
  applyTheme();
  tg.ready();
  tg.expand();
  tg.onEvent("themeChanged", applyTheme);
  if (tg.BackButton) {
    tg.BackButton.onClick(back);
  }
  window.addEventListener("hashchange", load);
  document.addEventListener("submit", submit);
  document.addEventListener("click", follow);
  depth = -1;
  load();
})();
