import { conversation } from '../../state/conversation';
import { site } from '../../state/session';

/** The agent's initials: first letters of the first two words (`Marie Curie` → `MC`). */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join('');

/** Whether the site shows agents' faces (SiteSettings.showAgentAvatars, absent: yes). */
export const avatarsShown = () => site.value?.settings.showAgentAvatars !== false;

/**
 * An agent's photo, or their initials when they have none. `named`: the avatar says who it is (next to a
 * message, where nothing else does); otherwise it is decoration beside the written name (the header).
 */
export function Avatar({ name, url, named }: { name: string; url?: string | null; named?: boolean }) {
  const label = named ? name : '';
  return url ? (
    <img class="a" data-part="avatar" src={url} alt={label} />
  ) : (
    <span class="a" data-part="avatar" role={named ? 'img' : undefined} aria-label={named ? name : undefined} aria-hidden={!named || undefined}>
      {initials(name)}
    </span>
  );
}

/**
 * Who to show beside an agent's message: its author, with the photo of the agent holding the chat when that
 * is them (a message from before a transfer gets its author's initials). Null when the site hides faces.
 */
export function messageFace(m: { author: string; authorName?: string | null }): { name: string; url: string | null } | null {
  const agent = conversation.value?.agent;
  const name = m.author === 'agent' && avatarsShown() && (m.authorName || agent?.name);
  return name ? { name, url: agent?.name === name ? agent.avatarUrl : null } : null;
}
