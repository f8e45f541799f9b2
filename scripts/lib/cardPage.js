/*
 * Runs inside the headless Chromium page (see cardBrowser.ts), after the `adaptivecards` UMD bundle.
 * Plain browser JavaScript on purpose: the Node side only sends JSON in and reads JSON out, so no
 * compiler helper or coverage counter can leak into the page.
 *
 * window.renderCard({ card, hostConfig, expand }) renders one card into #frame with the official
 * renderer and resolves with what a person would see: visible text, size, and anything that sticks out
 * of the card sideways or is cut off — measured once the web fonts its text needs have loaded, since a
 * fallback font's glyphs have other widths.
 */
(function () {
  'use strict';
  var pageErrors = [];
  window.addEventListener('error', function (e) {
    pageErrors.push(e.message);
  });

  function describe(el) {
    var classes = Array.prototype.filter.call(el.classList, function (c) {
      return c.indexOf('ac-') === 0;
    });
    return el.tagName.toLowerCase() + (classes.length ? '.' + classes.join('.') : '');
  }

  function textOf(el) {
    return String(el.innerText || el.value || '').trim().slice(0, 60);
  }

  function isVisible(el) {
    var style = getComputedStyle(el);
    return style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0;
  }

  window.renderCard = function (args) {
    var frame = document.getElementById('frame');
    frame.innerHTML = '';
    pageErrors = [];
    var empty = { width: 0, height: 0, visibleText: '', problems: [], showCards: 0 };
    var AC = window.AdaptiveCards;
    var root;
    try {
      var card = new AC.AdaptiveCard();
      card.hostConfig = new AC.HostConfig(args.hostConfig);
      card.parse(args.card);
      root = card.render();
    } catch (err) {
      return Promise.resolve(Object.assign({}, empty, { error: 'render threw: ' + (err && err.stack ? err.stack : String(err)) }));
    }
    if (!root) return Promise.resolve(Object.assign({}, empty, { error: 'the renderer returned no element' }));
    frame.appendChild(root);

    var showCardButtons = root.querySelectorAll('.ac-pushButton[aria-expanded]');
    if (args.expand) {
      showCardButtons.forEach(function (button) {
        if (button.getAttribute('aria-expanded') !== 'true') button.click();
      });
    }
    // Laying the card out starts the loads of the font files its characters need; measure after them.
    void root.offsetHeight;
    return document.fonts.ready.then(function () {
      return measure(root, frame, showCardButtons.length);
    });
  };

  function measure(root, frame, showCards) {
    var problems = [];
    var frameRect = frame.getBoundingClientRect();
    if (frame.scrollWidth > frame.clientWidth + 1) {
      problems.push({ kind: 'overflow', element: 'card frame', text: '', pixels: frame.scrollWidth - frame.clientWidth });
    }
    var reported = [];
    var elements = [root].concat(Array.prototype.slice.call(root.querySelectorAll('*')));
    elements.forEach(function (el) {
      if (!isVisible(el)) return;
      var rect = el.getBoundingClientRect();
      var sticksOut = Math.max(rect.right - frameRect.right, frameRect.left - rect.left);
      // Report the outermost element that sticks out, not each of its children again.
      var insideReported = reported.some(function (r) {
        return r.contains(el);
      });
      if (sticksOut > 1 && !insideReported) {
        problems.push({ kind: 'overflow', element: describe(el), text: textOf(el), pixels: Math.round(sticksOut) });
        reported.push(el);
      }
      // Content wider than an element that hides its overflow is cut off where nobody can scroll to it.
      // Form controls scroll their own value, and text shortened on purpose ends in "…" (wrap: false,
      // maxLines): neither is a cut.
      var style = getComputedStyle(el);
      var hides = style.overflowX === 'hidden' || style.overflowX === 'clip';
      var formControl = el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
      var shortened = style.textOverflow === 'ellipsis' || (el.style && el.style.webkitLineClamp !== '' && el.style.webkitLineClamp !== undefined);
      if (hides && !formControl && !shortened && el.scrollWidth > el.clientWidth + 1) {
        problems.push({ kind: 'clipped', element: describe(el), text: textOf(el), pixels: el.scrollWidth - el.clientWidth });
      }
      // A button title or a line of text cut to "…" sideways: the reader cannot tell what it says.
      // (Text limited to a number of lines with maxLines is cut downwards, on purpose, and not reported.)
      var sideways = style.textOverflow === 'ellipsis' && style.whiteSpace === 'nowrap';
      if (sideways && !formControl && el.scrollWidth > el.clientWidth + 1) {
        var owner = el.closest('.ac-pushButton') || el;
        problems.push({ kind: 'truncated', element: describe(owner), text: textOf(owner), pixels: el.scrollWidth - el.clientWidth });
      }
    });

    var rootRect = root.getBoundingClientRect();
    var report = {
      width: Math.round(rootRect.width),
      height: Math.round(rootRect.height),
      visibleText: root.innerText.trim(),
      problems: problems,
      showCards: showCards,
    };
    if (pageErrors.length > 0) report.error = 'page error: ' + pageErrors.join('; ');
    return report;
  }
})();
