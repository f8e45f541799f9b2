/*
 * Runs inside the headless Chromium page (see cardBrowser.ts), after the `adaptivecards` UMD bundle.
 * Plain browser JavaScript on purpose: the Node side only sends JSON in and reads JSON out, so no
 * compiler helper or coverage counter can leak into the page.
 *
 * window.renderCard({ card, hostConfig, theme, expand }) renders one card into #frame with the official
 * renderer and resolves with what a person would see: visible text, size, anything that sticks out of
 * the card sideways or is cut off, inputs too narrow for what they hold, and text too faint to read on
 * its background — measured once the web fonts its text needs have loaded, since a fallback font's
 * glyphs have other widths.
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

  /** The card with every element shown: what "Show more" (Action.ToggleVisibility) would reveal must fit too. */
  function allVisible(node) {
    if (Array.isArray(node)) return node.map(allVisible);
    if (!node || typeof node !== 'object') return node;
    var out = {};
    Object.keys(node).forEach(function (k) {
      if (!(k === 'isVisible' && node[k] === false)) out[k] = allVisible(node[k]);
    });
    return out;
  }

  window.renderCard = function (args) {
    var frame = document.getElementById('frame');
    frame.innerHTML = '';
    document.getElementById('stage').className = 'theme-' + (args.theme || 'light');
    pageErrors = [];
    var empty = { width: 0, height: 0, visibleText: '', problems: [], showCards: 0 };
    var AC = window.AdaptiveCards;
    var root;
    var card;
    try {
      card = new AC.AdaptiveCard();
      card.hostConfig = new AC.HostConfig(args.hostConfig);
      card.parse(args.expand ? allVisible(args.card) : args.card);
      root = card.render();
    } catch (err) {
      return Promise.resolve(Object.assign({}, empty, { error: 'render threw: ' + (err && err.stack ? err.stack : String(err)) }));
    }
    if (!root) return Promise.resolve(Object.assign({}, empty, { error: 'the renderer returned no element' }));
    frame.appendChild(root);
    // The renderer gives inputs generated DOM ids: name each by its id in the card, for the report.
    card.getAllInputs(true).forEach(function (input) {
      var control = input.renderedInputControlElement;
      if (control && input.id) control.setAttribute('data-input-id', input.id);
    });

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

  // ---------- inputs too narrow for what they show ----------

  var canvas = document.createElement('canvas').getContext('2d');

  function textWidth(text, style) {
    canvas.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
    return canvas.measureText(text).width;
  }

  /**
   * How Teams shows a date in its date picker, at its longest: the month written out. What the input
   * holds, or a date with the longest month name when it is empty (the seller will pick one).
   */
  function shownDate(value) {
    var d = value ? new Date(value + 'T00:00:00Z') : new Date('2027-09-30T00:00:00Z');
    if (isNaN(d.getTime())) return value;
    return d.toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
  }

  /**
   * An input whose value or placeholder is wider than its box. A text box the width of the card may
   * scroll a long value (typed text longer than a line), but never its placeholder; an input squeezed
   * into a column must show all it holds, and so must a date or a drop-down, which cannot scroll.
   * Room is kept for the control's own parts: a date's picker icon, a number's spinner, a list's arrow.
   */
  function inputTruncation(el) {
    var tag = el.tagName;
    if (tag !== 'INPUT' && tag !== 'SELECT') return undefined;
    var type = (el.getAttribute('type') || 'text').toLowerCase();
    if (type === 'checkbox' || type === 'radio' || type === 'hidden') return undefined;
    var style = getComputedStyle(el);
    var room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    var inColumn = Boolean(el.closest('.ac-columnSet'));
    var texts = [];
    if (tag === 'SELECT') {
      texts.push(el.selectedIndex >= 0 ? el.options[el.selectedIndex].text : '');
      room -= 24;
    } else if (type === 'date') {
      texts.push(shownDate(el.value));
      room -= 32;
    } else {
      if (type === 'number') room -= 20;
      if (el.placeholder) texts.push(el.placeholder);
      if (inColumn || el.hasAttribute('list')) texts.push(el.value);
    }
    var widest = texts.reduce(function (w, t) {
      return Math.max(w, t ? textWidth(t, style) : 0);
    }, 0);
    if (widest <= room + 1) return undefined;
    var shown = texts.filter(function (t) {
      return t && textWidth(t, style) > room + 1;
    })[0];
    var named = el.getAttribute('data-input-id') || (el.closest('[data-input-id]') || el).getAttribute('data-input-id');
    return { kind: 'truncated', element: describe(el) + (named ? '#' + named : ''), text: String(shown).slice(0, 60), pixels: Math.round(widest - room) };
  }

  // ---------- contrast (WCAG 2.x) ----------

  function parseColor(css) {
    var m = /rgba?\(([^)]+)\)/.exec(css);
    if (!m) return undefined;
    var parts = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  }

  function over(top, bottom) {
    var a = top.a;
    return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
  }

  /** The colour behind an element: the backgrounds of it and its ancestors, laid over each other. */
  function backgroundOf(el) {
    var layers = [];
    for (var node = el; node && node.nodeType === 1; node = node.parentElement) {
      var c = parseColor(getComputedStyle(node).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    return layers.reverse().reduce(function (below, layer) {
      return over(layer, below);
    }, { r: 255, g: 255, b: 255, a: 1 });
  }

  function luminance(c) {
    var lin = function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  }

  function ownText(el) {
    if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') return el.type === 'checkbox' || el.type === 'radio' ? '' : el.value;
    if (el.tagName === 'SELECT') return el.selectedIndex >= 0 ? el.options[el.selectedIndex].text : '';
    var text = '';
    el.childNodes.forEach(function (n) {
      if (n.nodeType === 3) text += n.textContent;
    });
    return text.trim();
  }

  /**
   * Text a person cannot read well on its background: under WCAG AA's 4.5:1, or 3:1 for large text
   * (24 px, or 18.66 px bold — Teams' bold is 600). Colours with an alpha are laid over what is behind.
   */
  function lowContrast(el) {
    var text = ownText(el);
    if (!text) return undefined;
    var style = getComputedStyle(el);
    var fg = parseColor(style.color);
    if (!fg) return undefined;
    var bg = backgroundOf(el);
    var shown = over(fg, bg);
    var l1 = luminance(shown);
    var l2 = luminance(bg);
    var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    var size = parseFloat(style.fontSize);
    var large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight, 10) >= 600);
    var needed = large ? 3 : 4.5;
    if (ratio + 0.005 >= needed) return undefined;
    return { kind: 'contrast', element: describe(el), text: text.slice(0, 60), pixels: 0, ratio: Math.round(ratio * 100) / 100, needed: needed };
  }

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

    elements.forEach(function (el) {
      if (!isVisible(el)) return;
      var input = inputTruncation(el);
      if (input) problems.push(input);
      var faint = lowContrast(el);
      if (faint) problems.push(faint);
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
