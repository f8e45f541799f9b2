import type { Deal } from './model';

/**
 * The heart on a deal: the same toggle adds and removes it from this user's Favorites (003). It is a
 * personal mark, not an edit of the deal, so it works on closed deals too and leaves the history alone.
 */
export function toggleFavorite(deal: Deal, userId: string): { deal: Deal; favorite: boolean } {
  const favorite = !deal.favoritedBy.includes(userId);
  const favoritedBy = favorite ? [...deal.favoritedBy, userId] : deal.favoritedBy.filter((u) => u !== userId);
  return { deal: { ...deal, favoritedBy }, favorite };
}

export function isFavorite(deal: Pick<Deal, 'favoritedBy'>, userId: string): boolean {
  return deal.favoritedBy.includes(userId);
}
