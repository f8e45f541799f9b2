import { Agent } from 'node:https';
import { CosmosClient, type Container, type RetryOptions } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import { CONTAINERS, type ContainerName } from './containers';

export interface ClientOptions {
  readonly endpoint: string;
  /** Account key; without one, Microsoft Entra ID (DefaultAzureCredential) signs the requests. */
  readonly key?: string;
  /** The SDK's budget for retrying throttled (429) requests; its defaults otherwise (9 retries, 30 s). */
  readonly retryOptions?: RetryOptions;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * The Cosmos DB emulator and the test server listen on loopback with a self-signed certificate, which
 * no one else can present for a loopback address: trust it there, and only there. Every other endpoint
 * keeps full TLS verification.
 */
export function tlsAgentFor(endpoint: string): Agent | undefined {
  return LOOPBACK.has(new URL(endpoint).hostname) ? new Agent({ rejectUnauthorized: false, keepAlive: true }) : undefined;
}

export function createClient(options: ClientOptions): CosmosClient {
  const agent = tlsAgentFor(options.endpoint);
  return new CosmosClient({
    endpoint: options.endpoint,
    ...(options.key ? { key: options.key } : { aadCredentials: new DefaultAzureCredential() }),
    ...(agent ? { agent } : {}),
    ...(options.retryOptions ? { connectionPolicy: { retryOptions: options.retryOptions } } : {}),
    userAgentSuffix: 'cosell-teams-bot',
  });
}

export type Containers = Record<ContainerName, Container>;

const isConflict = (err: unknown) => (err as { code?: unknown } | undefined)?.code === 409;

/** createIfNotExists reads then creates: another process starting at the same moment may create it in between. */
async function ensure(createIfNotExists: () => Promise<unknown>): Promise<void> {
  try {
    await createIfNotExists();
  } catch (err) {
    if (!isConflict(err)) throw err;
  }
}

/**
 * The containers, created with their partition keys and indexing policies when `create` is on. With it
 * off (an account where the bot may only read and write items, e.g. with Entra ID data-plane roles,
 * which cannot create containers) they must exist. Either way each one is read back, so that a missing
 * container or one partitioned by another key fails at start-up, not on first use. An existing
 * container keeps its indexing policy: change it in the portal or a template.
 */
export async function openContainers(client: CosmosClient, databaseId: string, create: boolean): Promise<Containers> {
  if (create) await ensure(() => client.databases.createIfNotExists({ id: databaseId }));
  const database = client.database(databaseId);
  const names = Object.keys(CONTAINERS) as ContainerName[];
  await Promise.all(
    names.map(async (name) => {
      const definition = CONTAINERS[name];
      if (create) await ensure(() => database.containers.createIfNotExists(definition));
      const where = `Azure Cosmos DB container ${databaseId}/${definition.id}`;
      const { resource } = await database
        .container(definition.id)
        .read()
        .catch((err: unknown) => {
          throw new Error(`${where} cannot be read; create it (see docs/cosmos.md) or set COSMOS_CREATE_CONTAINERS=true`, { cause: err });
        });
      const paths = resource?.partitionKey?.paths ?? [];
      const wanted = definition.partitionKey.paths;
      if (paths.join() !== wanted.join()) throw new Error(`${where} is partitioned by ${paths.join() || 'nothing'}; the store needs ${wanted.join()}`);
    }),
  );
  return Object.fromEntries(names.map((name) => [name, database.container(CONTAINERS[name].id)])) as Containers;
}
