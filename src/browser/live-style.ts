/**
 * The live client's styles, added as one <style> by the client itself: a normal build ships
 * none of them. Colours come from the theme's custom properties.
 */
export const LIVE_CSS = `
.deck-live-bar {
  position: fixed; z-index: 45; left: 8px; bottom: 8px;
  display: flex; flex-wrap: wrap; align-items: center; gap: 6px; max-width: calc(100vw - 120px);
  padding: 4px 8px; border-radius: 8px;
  background: var(--deck-bg, #fff); border: 1px solid var(--deck-rule, #ccc);
  font: 600 15px/1.2 var(--deck-font, sans-serif);
}
.deck-live-status::before { content: ''; display: inline-block; width: .7em; height: .7em; margin-right: .4em;
  border-radius: 50%; background: #b00020; vertical-align: baseline; }
.deck-live-bar[data-live-status='live'] .deck-live-status::before { background: #1b7f3b; }
.deck-live-bar[data-live-status='connecting'] .deck-live-status::before { background: #a86b00; }
.deck-live-count { color: var(--deck-muted, #555); }
.deck-live-back { background: var(--deck-accent, #0b5cad) !important; color: var(--deck-bg, #fff) !important; }
.deck-live-qr[hidden], .deck-live-panel[hidden], .deck-live-back[hidden] { display: none !important; }
.deck-live-qr {
  position: fixed; inset: 0; z-index: 60; display: flex; flex-direction: column; align-items: center;
  justify-content: center; gap: 1vh; background: #fff; color: #111; text-align: center;
}
.deck-live-qr img { width: min(70vh, 90vw); height: min(70vh, 90vw); image-rendering: pixelated; }
.deck-live-qr-title { margin: 0; font-size: 5vh; }
.deck-live-qr-url { margin: 0; font: 700 4vh/1.2 ui-monospace, monospace; word-break: break-all; }
.deck-live-qr-hint { margin: 0; font-size: 2.2vh; color: #444; }
.deck-live-qr-close { position: absolute; top: 12px; right: 12px; }
.deck-live-panel {
  position: fixed; z-index: 50; right: 8px; bottom: 64px; width: min(420px, calc(100vw - 16px));
  max-height: 70vh; overflow: auto; padding: 8px 12px; border-radius: 8px;
  background: var(--deck-bg, #fff); border: 1px solid var(--deck-rule, #ccc); box-shadow: 0 4px 18px #0003;
}
.deck-live-panel-title { margin: 4px 0 8px; font-size: 18px; }
.deck-live-questions-list { list-style: none; margin: 0; padding: 0; }
.deck-live-q { padding: 8px 0; border-top: 1px solid var(--deck-rule, #ddd); }
.deck-live-q-text { margin: 0 0 4px; font-size: 17px; white-space: pre-wrap; overflow-wrap: anywhere; }
.deck-live-q-meta { margin: 0 0 6px; font-size: 13px; color: var(--deck-muted, #555); }
.deck-live-q.is-answered .deck-live-q-text { opacity: .6; text-decoration: line-through; }
.deck-live-q-actions { display: flex; gap: 6px; }
.deck-live-ask { max-width: min(520px, calc(100vw - 32px)); border-radius: 10px; }
.deck-live-ask label { display: block; font-weight: 700; }
.deck-live-ask textarea { display: block; box-sizing: border-box; width: 100%; margin-top: 6px; font: 17px/1.4 var(--deck-font, sans-serif); }
.deck-live-ask-count, .deck-live-ask-result { margin: 4px 0; font-size: 14px; }
.deck-live-ask-actions { display: flex; gap: 8px; justify-content: flex-end; }
@media (max-width: 480px) { .deck-live-bar { font-size: 13px; max-width: calc(100vw - 16px); } }
@media print { .deck-live-bar, .deck-live-qr, .deck-live-panel { display: none !important; } }
`;

/** Added to reveal's speaker view: the pause and the questions. */
export const SPEAKER_CSS = `
.deck-live-pause { display: flex; align-items: center; gap: 12px; margin: 6px 0 10px; }
.deck-live-pause-button { font: 700 15px/1 Helvetica, sans-serif; padding: 8px 12px; border-radius: 6px;
  border: 2px solid #0b5cad; background: #fff; color: #0b5cad; cursor: pointer; }
.deck-live-pause.is-paused .deck-live-pause-button { background: #0b5cad; color: #fff; }
.deck-live-pause-label { font: 700 20px/1 Helvetica, sans-serif; color: #a86b00; }
.deck-live-speaker-questions h4 { margin: 10px 0 4px; text-transform: uppercase; font-size: 14px; color: #555; }
.deck-live-questions-list { list-style: none; margin: 0; padding: 0; }
.deck-live-q { padding: 6px 0; border-top: 1px solid #ddd; }
.deck-live-q-text { margin: 0 0 2px; font-size: 16px; white-space: pre-wrap; overflow-wrap: anywhere; }
.deck-live-q-meta { margin: 0 0 4px; font-size: 12px; color: #666; }
.deck-live-q.is-answered .deck-live-q-text { opacity: .6; text-decoration: line-through; }
.deck-live-q-actions button { font-size: 12px; margin-right: 6px; }
`;
