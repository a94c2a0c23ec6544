/**
 * The card's stylesheet, inside its closed shadow root. `light-dark()` follows the reader's colour
 * scheme; sizes are in px because the page's root font size is not ours to rely on.
 */
export const CARD_CSS = `
:host { all: initial; }
.live { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.card {
  color-scheme: light dark;
  position: fixed; box-sizing: border-box; width: min(360px, calc(100vw - 16px));
  max-height: calc(100vh - 16px); overflow: auto;
  padding: 12px 14px; border-radius: 8px;
  background: light-dark(#ffffff, #1f2328); color: light-dark(#1f2328, #e6edf3);
  border: 1px solid light-dark(#d0d7de, #484f58);
  box-shadow: 0 6px 24px rgb(0 0 0 / 0.25);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left;
}
.card:focus { outline: 2px solid light-dark(#0072b2, #56b4e9); outline-offset: 2px; }
.card[data-intensity="1"], .card[data-intensity="2"] { border-top: 4px dotted light-dark(#0072b2, #56b4e9); }
.card[data-intensity="3"] { border-top: 4px dashed light-dark(#a35200, #e69f00); }
.card[data-intensity="4"], .card[data-intensity="5"] { border-top: 4px solid light-dark(#c4320a, #ff8c5a); }
.head { display: flex; align-items: start; gap: 8px; }
.phrase { flex: 1; margin: 0; font-size: 15px; font-weight: 600; font-style: italic; }
.phrase::before { content: "“"; } .phrase::after { content: "”"; }
p { margin: 8px 0 0; }
.means { color: light-dark(#57606a, #9da7b3); }
.explanation { color: light-dark(#24292f, #d0d7de); }
.meta { display: flex; gap: 10px; align-items: center; font-size: 12px; color: light-dark(#57606a, #9da7b3); }
.category { padding: 1px 6px; border-radius: 10px; background: light-dark(#eaeef2, #30363d); }
.level { letter-spacing: 1px; }
.ladder, .sources { font-size: 12px; color: light-dark(#57606a, #9da7b3); }
.ladder span { display: block; }
a { color: light-dark(#0969da, #58a6ff); }
.foot { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-top: 10px; font-size: 12px; color: light-dark(#57606a, #9da7b3); }
button { font: inherit; cursor: pointer; color: inherit; }
.close { border: 0; background: none; font-size: 18px; line-height: 1; padding: 0 4px; }
.dismiss { padding: 4px 10px; border-radius: 6px; border: 1px solid light-dark(#d0d7de, #484f58); background: light-dark(#f6f8fa, #21262d); }
button:focus-visible { outline: 2px solid light-dark(#0072b2, #56b4e9); outline-offset: 1px; }
@media print { .card { display: none; } }
`;
