import { randomUUID } from "node:crypto";
import type { disconnectReasons, LifecycleEvent } from "@revolv/validators";
import type { Aedes, Client } from "aedes";

export type DisconnectReason = (typeof disconnectReasons)[number];

/** Hands one lifecycle event onward (to SQS, as the lifecycle topic rule would). */
export type LifecyclePublisher = (event: LifecycleEvent) => Promise<void>;

interface Session {
  deviceId: string;
  sessionIdentifier: string;
  versionNumber: number;
}

export interface LifecycleTracker {
  /** Why this client is about to be disconnected, when the broker decided it; the first reason wins. */
  noteReason(client: Client, reason: DisconnectReason): void;
  /** `newcomer` authenticated with a client id that is connected: its holder is about to be let go. */
  noteTakeover(newcomer: Client): void;
  /** From now on every disconnect is the server's (the broker is stopping). */
  stopping(): void;
  /** Resolves once every event handed on so far has settled. */
  settled(): Promise<void>;
}

/**
 * AWS IoT Core's connect and disconnect events for the embedded broker, in the body IoT Core
 * publishes on `$aws/events/presence/{connected|disconnected}/{clientId}`
 * (https://docs.aws.amazon.com/iot/latest/developerguide/life-cycle-events.html): one
 * `connected` when aedes registered an authenticated device, one `disconnected` with the same
 * session identifier and version number when it let go of it. The version number counts the
 * connections of a client id since the broker started (IoT Core's is monotonic per client id too).
 *
 * aedes says why a client went only partly: a DISCONNECT packet sets its `_disconnected` (the
 * field its will handling reads), a keep-alive timeout has its own event; takeovers, refused
 * publishes and shutdown are the broker's own decisions and noted by it (`noteReason`). Any
 * other end is the connection lost.
 */
export function trackLifecycle(
  broker: Aedes,
  deviceOf: (client: Client) => string | undefined,
  publish: LifecyclePublisher,
  log: (line: string) => void,
): LifecycleTracker {
  const sessions = new WeakMap<Client, Session>();
  const reasons = new WeakMap<Client, DisconnectReason>();
  const versions = new Map<string, number>();
  const connected = new Map<string, Client>();
  const pending = new Set<Promise<void>>();
  let shuttingDown = false;

  const send = (event: LifecycleEvent) => {
    const sent = publish(event).catch((error: unknown) => {
      log(
        `lifecycle event not queued (${event.eventType} ${event.clientId}): ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    pending.add(sent);
    void sent.finally(() => pending.delete(sent));
  };

  broker.on("client", (client) => {
    const deviceId = deviceOf(client);
    if (!deviceId) return;
    const versionNumber = versions.get(client.id) ?? 0;
    versions.set(client.id, versionNumber + 1);
    const session: Session = { deviceId, sessionIdentifier: randomUUID(), versionNumber };
    sessions.set(client, session);
    connected.set(client.id, client);
    const address =
      client.conn && "remoteAddress" in client.conn ? String(client.conn.remoteAddress ?? "") : "";
    send({
      clientId: client.id,
      timestamp: Date.now(),
      eventType: "connected",
      sessionIdentifier: session.sessionIdentifier,
      principalIdentifier: deviceId,
      ipAddress: address.replace(/^::ffff:/, ""),
      versionNumber: session.versionNumber,
    });
  });

  broker.on("keepaliveTimeout", (client) => {
    if (!reasons.has(client)) reasons.set(client, "MQTT_KEEP_ALIVE_TIMEOUT");
  });

  broker.on("clientDisconnect", (client) => {
    const session = sessions.get(client);
    if (!session) return;
    sessions.delete(client);
    if (connected.get(client.id) === client) connected.delete(client.id);
    const clientInitiated = (client as unknown as { _disconnected?: boolean })._disconnected === true;
    const reason: DisconnectReason = clientInitiated
      ? "CLIENT_INITIATED_DISCONNECT"
      : (reasons.get(client) ?? (shuttingDown ? "SERVER_INITIATED_DISCONNECT" : "CONNECTION_LOST"));
    send({
      clientId: client.id,
      timestamp: Date.now(),
      eventType: "disconnected",
      sessionIdentifier: session.sessionIdentifier,
      principalIdentifier: session.deviceId,
      clientInitiatedDisconnect: clientInitiated,
      disconnectReason: reason,
      versionNumber: session.versionNumber,
    });
  });

  return {
    noteReason(client, reason) {
      if (!reasons.has(client)) reasons.set(client, reason);
    },
    noteTakeover(newcomer) {
      const holder = connected.get(newcomer.id);
      if (holder && holder !== newcomer && !reasons.has(holder)) reasons.set(holder, "DUPLICATE_CLIENTID");
    },
    stopping() {
      shuttingDown = true;
    },
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
