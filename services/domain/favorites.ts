import type { Deal } from './model';

/**
 * The heart on a deal: the same toggle adds and removes it from this user's Favorites (003). It is a
 * personal mark, not an edit of the deal, so it works on closed deals too and leaves the history alone.
 */
export function toggleFavorite(deal: Deal, userId: string): { deal: Deal; favorite: boolean } {
  const favorite = !isFavorite(deal, userId);
  return { deal: setFavorite(deal, userId, favorite), favorite };
}

/**
 * Set the heart on or off. Setting what is already set returns the same deal, so a click repeated
 * (by Teams resending it, or a double click) changes nothing the second time — cards send the state
 * their heart sets, not "toggle".
 */
export function setFavorite(deal: Deal, userId: string, on: boolean): Deal {
  if (isFavorite(deal, userId) === on) return deal;
  return { ...deal, favoritedBy: on ? [...deal.favoritedBy, userId] : deal.favoritedBy.filter((u) => u !== userId) };
}

export function isFavorite(deal: Pick<Deal, 'favoritedBy'>, userId: string): boolean {
  return deal.favoritedBy.includes(userId);
}
