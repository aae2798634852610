import type { DeckMode } from './reader-mode.ts';

/** The reader's controls: switch view, open the contents, open the downloads (when there are any). */
export interface Toolbar {
  element: HTMLElement;
  update(mode: DeckMode, index: number, total: number): void;
}

export interface ToolbarActions {
  toggleMode(): void;
  contents(): void;
  downloads: (() => void) | null;
}

function button(label: string, title: string, keys: string | null, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.title = title;
  if (keys) b.setAttribute('aria-keyshortcuts', keys);
  b.addEventListener('click', onClick);
  return b;
}

export function createToolbar(actions: ToolbarActions): Toolbar {
  const element = document.createElement('nav');
  element.className = 'deck-ui deck-toolbar';
  element.setAttribute('aria-label', 'Deck');
  const position = document.createElement('p');
  position.className = 'deck-position';
  const mode = button('Read', '', 'r', actions.toggleMode);
  mode.className = 'deck-mode-button';
  const contents = button('Contents', 'Table of contents (T)', 't', actions.contents);
  contents.className = 'deck-contents-button';
  contents.setAttribute('aria-haspopup', 'dialog');
  element.append(position, mode, contents);
  if (actions.downloads) {
    const downloads = button('Downloads', 'Slides and handout as PDF', null, actions.downloads);
    downloads.className = 'deck-downloads-button';
    downloads.setAttribute('aria-haspopup', 'dialog');
    element.append(downloads);
  }
  return {
    element,
    update(current, index, total) {
      const reading = current === 'read';
      mode.textContent = reading ? 'Present' : 'Read';
      mode.title = reading ? 'Show as slides (R)' : 'Read the slides with their notes (R)';
      position.innerHTML = `<span aria-hidden="true">${index + 1} / ${total}</span><span class="deck-sr">Slide ${index + 1} of ${total}</span>`;
    },
  };
}
