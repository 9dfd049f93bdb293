// "You tell us", enhanced: post the poll form in the background, ask for JSON and show the
// standings in place. Without this script the same form posts and the reader lands on the
// poll's own page, so nothing here is needed for voting to work.
(function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function votesText(votes) {
    return votes.toLocaleString("en-US") + (votes === 1 ? " vote" : " votes");
  }

  // The two options with the most votes: do their intervals overlap? (as Standings.tooCloseToCall)
  function tooCloseToCall(options) {
    if (options.length < 2) return false;
    var sorted = options.slice().sort(function (a, b) { return b.votes - a.votes; });
    return sorted[0].lower <= sorted[1].upper && sorted[1].lower <= sorted[0].upper;
  }

  // The same markup as the server's standings fragment (fragments/poll.html).
  function standings(answer) {
    var fragment = document.createDocumentFragment();
    var list = element("ul", "standings-list");
    answer.options.forEach(function (option) {
      var item = element("li");
      item.appendChild(element("span", "standings-label", option.label));
      var count = element("span", "standings-count");
      count.appendChild(element("span", "standings-percent", option.percent + "%"));
      count.appendChild(document.createTextNode(" "));
      count.appendChild(element("span", "standings-votes", "(" + votesText(option.votes) + ")"));
      item.appendChild(count);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(element("span", "standings-interval", "95% interval " +
        Math.floor(option.lower * 100 + 1e-9) + "–" + Math.ceil(option.upper * 100 - 1e-9) + "%"));
      // The same SVG bar the server draws: a width attribute, no style (the CSP allows none).
      var svg = "http://www.w3.org/2000/svg";
      var bar = document.createElementNS(svg, "svg");
      bar.setAttribute("class", "standings-bar");
      bar.setAttribute("aria-hidden", "true");
      bar.setAttribute("focusable", "false");
      bar.setAttribute("viewBox", "0 0 100 1");
      bar.setAttribute("preserveAspectRatio", "none");
      var fill = document.createElementNS(svg, "rect");
      fill.setAttribute("width", String(option.percent));
      fill.setAttribute("height", "1");
      bar.appendChild(fill);
      item.appendChild(bar);
      list.appendChild(item);
    });
    fragment.appendChild(list);
    fragment.appendChild(element("p", "standings-total", votesText(answer.total)));
    if (tooCloseToCall(answer.options)) {
      fragment.appendChild(element("p", "standings-call", "Too close to call: the leading answers’ 95% intervals overlap."));
    }
    return fragment;
  }

  function enhance(form) {
    var poll = form.closest(".poll");
    var status = poll.querySelector(".poll-status");
    var button = form.querySelector("button[type=submit]");

    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.URLSearchParams) return; // the plain form post still works
      event.preventDefault();
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) throw new Error("not JSON");
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (result) {
        if (!result.ok) {
          status.textContent = result.body.error || "Your vote could not be counted.";
          button.disabled = false;
          return;
        }
        var answer = result.body;
        var shown = element("div", "poll-standings");
        shown.appendChild(element("p", "poll-choice", "Your vote: " + answer.choice));
        if (answer.options.length) shown.appendChild(standings(answer)); // none: they could not be read
        form.replaceWith(shown);
        status.textContent = answer.message;
      }).catch(function () {
        form.submit(); // the network or the answer failed us: post the form the plain way
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form.poll-form"), enhance);
})();
