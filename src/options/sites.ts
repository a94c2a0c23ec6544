/** The sites where Subtext is off, each with a button to switch it back on. */
import { h, fill, t } from '../shared/ui/dom';

/** Renders the list of switched-off sites, sorted; says so when there are none. */
export function renderSites(
  container: Element,
  sites: readonly string[],
  onRemove: (hostname: string) => void,
): void {
  if (!sites.length) return fill(container, h('p', { class: 'empty', text: t('optionsNoSites') }));
  const list = h('ul', { class: 'sites' });
  for (const site of [...sites].sort()) {
    const button = h('button', {
      class: 'link',
      text: t('optionsSiteOn'),
      attrs: { type: 'button', 'aria-label': t('optionsSiteOnNamed', site) },
    });
    button.addEventListener('click', () => onRemove(site));
    list.append(h('li', {}, h('span', { class: 'site', text: site }), button));
  }
  fill(container, list);
}
