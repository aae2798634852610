/**
 * The live client: loaded only into pages that `deck present` serves (the server adds its
 * script), never part of a normal build. It joins the room's WebSocket, then becomes either
 * the presenter's controls or a follower's deck that moves with the presenter.
 */
import type { ServerMessage } from '../contract/live.ts';
import type { DeckApi } from '../contract/page.ts';
import { followPresenter, type Follower } from './live-follow.ts';
import { presenterView, type PresenterView } from './live-presenter.ts';
import { connectLive, type LinkStatus } from './live-socket.ts';
import { LIVE_CSS } from './live-style.ts';
import { askDialog, type AskDialog } from './live-ask.ts';

function start(deck: DeckApi): void {
  const style = document.createElement('style');
  style.textContent = LIVE_CSS;
  document.head.append(style);

  const bar = document.createElement('div');
  bar.className = 'deck-live-bar deck-ui';
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', 'Live session');
  const status = document.createElement('span');
  status.className = 'deck-live-status';
  status.setAttribute('role', 'status');
  const back = document.createElement('button');
  back.type = 'button';
  back.className = 'deck-live-back';
  back.textContent = 'Back to live';
  back.hidden = true;
  bar.append(status, back);
  document.body.append(bar);

  let role: 'presenter' | 'follower' | null = null;
  let linkStatus: LinkStatus = { kind: 'connecting' };
  let follower: Follower | null = null;
  let presenter: PresenterView | null = null;
  let ask: AskDialog | null = null;

  const showStatus = () => {
    const s = linkStatus;
    const seconds = 'inMs' in s ? Math.max(1, Math.round(s.inMs / 1000)) : 0;
    const text =
      s.kind === 'live'
        ? role === 'presenter'
          ? 'Live: you are presenting'
          : follower?.following === false
            ? 'Browsing on your own'
            : 'Following live'
        : s.kind === 'connecting'
          ? 'Connecting…'
          : s.kind === 'retrying'
            ? `Connection lost: retrying in ${seconds} s`
            : s.kind === 'full'
              ? `The room is full: trying again in ${seconds} s`
              : 'This presenter link was replaced: open the new one from the terminal';
    status.textContent = text;
    bar.dataset.liveStatus = s.kind;
    back.hidden = role !== 'follower' || follower?.following !== false;
  };

  const reading = () => document.documentElement.dataset.deckMode === 'read';
  const link = connectLive({
    status(s) {
      linkStatus = s;
      showStatus();
    },
    message(m: ServerMessage) {
      switch (m.t) {
        case 'welcome':
          if (role === null) {
            role = m.role;
            bar.dataset.liveRole = m.role;
            if (m.role === 'presenter') presenter = presenterView(deck, link, bar, m.followUrl);
            else {
              follower = followPresenter(deck, reading, showStatus);
              ask = askDialog(bar, m.questionMaxChars, (text) => {
                const { h, v } = deck.getIndices();
                return link.send({ t: 'ask', text, h, v: v ?? 0 });
              });
            }
          }
          if (presenter) presenter.sendState();
          else if (m.state) follower?.update(m.state);
          break;
        case 'state':
          follower?.update(m);
          break;
        case 'questions':
          presenter?.setQuestions(m.list);
          break;
        case 'count':
          presenter?.setCount(m.followers, m.max);
          break;
        case 'asked':
          ask?.answered(null);
          break;
        case 'refused':
          ask?.answered(m.reason);
          break;
      }
      showStatus();
    },
  });
  back.addEventListener('click', () => {
    follower?.backToLive();
    showStatus();
  });
  document.documentElement.dataset.deckLive = 'true';
}

// Speaker-view previews (?receiver) and print layouts are not members of the room.
const search = window.location.search;
if (!/receiver/i.test(search) && !/print-pdf/i.test(search)) {
  const ready = () => window.Reveal as unknown as DeckApi;
  if (document.documentElement.dataset.deckReady === 'true') start(ready());
  else document.addEventListener('deck:ready', () => start(ready()), { once: true });
}
