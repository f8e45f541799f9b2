import type { ContainerRequest, IndexingPolicy } from '@azure/cosmos';

/**
 * Index only what a query filters or sorts on: every indexed path costs request units on every write.
 * Paths not listed are still stored and returned, just not indexed (`id` is always indexed).
 */
function only(paths: readonly string[], compositeIndexes: IndexingPolicy['compositeIndexes'] = []): IndexingPolicy {
  return {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: paths.map((path) => ({ path })),
    excludedPaths: [{ path: '/*' }],
    compositeIndexes,
  };
}

/**
 * The containers, their partition keys and indexing policies. Tenant data is partitioned by tenant, so
 * that a card action is a point read and a conditional replace inside one logical partition, and a
 * tenant's lists are single-partition queries. Things looked up by key alone (outbox items, idempotency
 * keys, bot state) are partitioned by id. Due hints are partitioned by the UTC day they fall due.
 */
export const CONTAINERS = {
  deals: {
    id: 'deals',
    partitionKey: { paths: ['/tenantId'] },
    indexingPolicy: only(
      [
        '/tenantId/?',
        '/deal/createdAt/?',
        '/deal/direction/?',
        '/deal/location/?',
        '/deal/favoritedBy/[]/?',
        '/open/?',
        '/team/[]/?',
        '/nameLower/?',
        '/outboxSince/?',
        // Search and the pipeline (services/domain/search.ts, pipeline.ts).
        '/searchKeys/[]/?',
        '/searchVersion/?',
        '/stage/?',
        '/deal/closeDate/?',
        '/deal/response/at/?',
      ],
      [[{ path: '/deal/createdAt', order: 'descending' }, { path: '/id', order: 'descending' }]],
    ),
  },
  /** The organization's own marketplace offers; dueAt is when a rewards reminder next falls due. */
  offers: {
    id: 'offers',
    partitionKey: { paths: ['/tenantId'] },
    indexingPolicy: only(
      ['/tenantId/?', '/nameLower/?', '/dueAt/?', '/outboxSince/?'],
      [
        [{ path: '/nameLower', order: 'ascending' }, { path: '/id', order: 'ascending' }],
        [{ path: '/dueAt', order: 'ascending' }, { path: '/tenantId', order: 'ascending' }, { path: '/id', order: 'ascending' }],
      ],
    ),
  },
  /** The organization, its members and the tenant's roles document. */
  directory: {
    id: 'directory',
    partitionKey: { paths: ['/tenantId'] },
    indexingPolicy: only(
      ['/tenantId/?', '/type/?', '/userId/?', '/nameLower/?', '/emailLower/?'],
      [
        [{ path: '/nameLower', order: 'ascending' }, { path: '/userId', order: 'ascending' }],
        [{ path: '/nameLower', order: 'ascending' }, { path: '/tenantId', order: 'ascending' }],
      ],
    ),
  },
  /** Teams conversations and the deal cards sent into them. */
  conversations: {
    id: 'conversations',
    partitionKey: { paths: ['/tenantId'] },
    indexingPolicy: only(['/tenantId/?', '/type/?', '/conversationId/?', '/userId/?', '/scope/?', '/dealId/?']),
  },
  outbox: {
    id: 'outbox',
    partitionKey: { paths: ['/id'] },
    indexingPolicy: only(['/status/?', '/availableAt/?', '/kind/?', '/leaseUntil/?', '/updatedAt/?']),
  },
  /** Due hints: which deal falls due when, so the sweeper never scans tenants. */
  schedule: {
    id: 'schedule',
    partitionKey: { paths: ['/bucket'] },
    indexingPolicy: only(['/dueAt/?'], [[{ path: '/dueAt', order: 'ascending' }, { path: '/id', order: 'ascending' }]]),
  },
  idempotency: {
    id: 'idempotency',
    partitionKey: { paths: ['/id'] },
    indexingPolicy: only(['/expiresAt/?']),
  },
  /** botbuilder state is only ever read and written by key: no index at all. */
  botState: {
    id: 'botState',
    partitionKey: { paths: ['/id'] },
    indexingPolicy: { indexingMode: 'none', automatic: false },
  },
} satisfies Record<string, ContainerRequest & { id: string }>;

export type ContainerName = keyof typeof CONTAINERS;
