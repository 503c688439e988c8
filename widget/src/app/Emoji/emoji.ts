import type { TextKey } from '../../i18n';

/** A compact, curated set: 100 common emoji in five groups of 20 (no library; the picker is its own chunk). */
export const EMOJI: readonly { name: TextKey; list: readonly string[] }[] = [
  { name: 'emojiSmileys', list: [...'😀😃😄😁😆😅😂🙂😉😊😇🥰😍😘😋😎🤔😐😮😢'] },
  { name: 'emojiPeople', list: [...'👍👎👌✌🤞👏🙌🙏💪👋🤝✋👀🤷🙋🎉🎁💯✅❌'] },
  { name: 'emojiHearts', list: [...'❤🧡💛💚💙💜🖤🤍💔💕💖💗💘💝⭐🌟✨🔥💥💤'] },
  { name: 'emojiThings', list: [...'📦🛒💳💰🏷📱💻⌚📷🎧📞📧📅⏰🔒🔑💡📍🚚✈'] },
  { name: 'emojiNature', list: [...'☀🌙🌈☔❄🌸🌻🌳🍀🍎🍕🍔🍰☕🍷🎂🐶🐱🦊🐝'] },
];
/** Emoji per row of the grid (arrow up and down move by this much). */
export const COLUMNS = 5;
