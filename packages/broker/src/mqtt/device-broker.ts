import { createServer, type Server } from "node:net";
import { maxTelemetryPayloadBytes, telemetryTopic } from "@revolv/validators";
import { Aedes, type AedesOptions, type AuthenticateError, type Client } from "aedes";
import type { DeviceAuthenticator } from "../devices/device-authenticator";
import { type LifecyclePublisher, type LifecycleTracker, trackLifecycle } from "./lifecycle";

/** Hands one accepted telemetry publish onward; resolves once it is safely stored (SQS took it). */
export type TelemetryForwarder = (deviceId: string, payload: Buffer, receivedAt: number) => Promise<void>;

export interface DeviceBrokerOptions {
  port: number;
  host?: string;
  authenticateDevice: DeviceAuthenticator;
  forwardTelemetry: TelemetryForwarder;
  /** Where connect and disconnect events go (AWS IoT Core's lifecycle event body); unset, nowhere. */
  publishLifecycle?: LifecyclePublisher;
  maxPayloadBytes?: number;
  log?: (line: string) => void;
}

export interface DeviceBrokerMetrics {
  connected: number;
  forwarded: number;
  refusedConnects: number;
  refusedPublishes: number;
  forwardFailures: number;
}

export interface DeviceBroker {
  port: number;
  broker: Aedes;
  metrics: DeviceBrokerMetrics;
  /** Stops accepting connections, disconnects devices, then waits for forwards in flight. */
  stop(): Promise<void>;
}

// CONNACK return codes: 2 identifier rejected, 3 server unavailable, 4 bad user name or password.
function authError(message: string, returnCode: 2 | 3 | 4): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

/**
 * The embedded stand-in for AWS IoT Core: username = device id, password = the device's
 * credential, client id = the device id too, and a device may publish only to its own
 * telemetry topic and subscribe only under its own `devices/{id}/` prefix.
 *
 * The client id is the MQTT session: a CONNECT with a client id already connected takes the
 * session over and disconnects the holder. So a device may use only its own id as client id
 * (IoT Core's policy `iot:Connect` on `client/${iot:Connection.Thing.ThingName}` says the
 * same); otherwise any device could knock any other offline. aedes registers the session only
 * after `authenticate` succeeded, so refusing here leaves the holder untouched.
 *
 * aedes writes a QoS 1 PUBACK before it routes the message (lib/handlers/publish.js), and
 * `authorizePublish` is the last hook before that write. So the forward to SQS happens inside
 * `authorizePublish`: the callback completes only after SQS accepted the message, and a
 * failure refuses the publish (aedes drops the connection), which makes the device resend
 * the unacknowledged message after it reconnects. Nothing is acknowledged that SQS lacks.
 */
export async function startDeviceBroker({
  port,
  host = "0.0.0.0",
  authenticateDevice,
  forwardTelemetry,
  publishLifecycle,
  maxPayloadBytes = maxTelemetryPayloadBytes,
  log = () => {},
}: DeviceBrokerOptions): Promise<DeviceBroker> {
  // Set once the broker exists; the hooks below run only after that.
  let lifecycle: LifecycleTracker | undefined;
  const deviceOf = new WeakMap<Client, string>();
  const inFlight = new Set<Promise<void>>();
  const metrics: DeviceBrokerMetrics = {
    connected: 0,
    forwarded: 0,
    refusedConnects: 0,
    refusedPublishes: 0,
    forwardFailures: 0,
  };

  const options: AedesOptions = {
    // Device ids are UUIDs (36 characters), longer than MQTT 3.1's 23-character client id.
    maxClientsIdLength: 128,
    authenticate(client, username, password, done) {
      const deviceId = (username ?? "").toLowerCase();
      if (client.id.toLowerCase() !== deviceId) {
        metrics.refusedConnects += 1;
        return done(authError("the client id must be the device's id", 2), false);
      }
      authenticateDevice(deviceId, password?.toString("utf8") ?? "").then(
        (ok) => {
          if (!ok) {
            metrics.refusedConnects += 1;
            return done(authError("bad device id or credential", 4), false);
          }
          deviceOf.set(client, deviceId);
          // aedes disconnects the session's holder once this one is registered.
          lifecycle?.noteTakeover(client);
          done(null, true);
        },
        (error: unknown) => {
          metrics.refusedConnects += 1;
          log(`device authentication failed: ${error instanceof Error ? error.message : String(error)}`);
          // "Server unavailable": the device retries later instead of treating its credential as bad.
          done(authError("device registry unavailable", 3), false);
        },
      );
    },
    authorizePublish(client, packet, done) {
      const deviceId = client ? deviceOf.get(client) : undefined;
      // Broker-internal publishes ($SYS heartbeats) have no client.
      if (!client) return done(null);
      if (!deviceId || packet.topic !== telemetryTopic(deviceId)) {
        metrics.refusedPublishes += 1;
        lifecycle?.noteReason(client, "AUTH_ERROR");
        return done(new Error(`publish to ${packet.topic} not allowed for this device`));
      }
      const payload = typeof packet.payload === "string" ? Buffer.from(packet.payload) : packet.payload;
      if (payload.length > maxPayloadBytes) {
        metrics.refusedPublishes += 1;
        lifecycle?.noteReason(client, "CLIENT_ERROR");
        return done(new Error(`payload of ${payload.length} bytes exceeds ${maxPayloadBytes}`));
      }
      // Telemetry is a stream, not state: a retained copy would only grow the broker's memory.
      packet.retain = false;
      const forward = forwardTelemetry(deviceId, payload, Date.now()).then(
        () => {
          metrics.forwarded += 1;
          done(null);
        },
        (error: unknown) => {
          metrics.forwardFailures += 1;
          lifecycle?.noteReason(client, "SERVER_ERROR");
          log(
            `telemetry not accepted by the queue, device will resend: ${error instanceof Error ? error.message : String(error)}`,
          );
          done(error instanceof Error ? error : new Error(String(error)));
        },
      );
      inFlight.add(forward);
      void forward.finally(() => inFlight.delete(forward));
    },
    authorizeSubscribe(client, subscription, done) {
      const deviceId = deviceOf.get(client);
      // A null subscription is refused with SUBACK 0x80 and the connection stays up.
      if (!deviceId || !subscription.topic.startsWith(`devices/${deviceId}/`)) return done(null, null);
      done(null, subscription);
    },
  };

  const broker = await Aedes.createBroker(options);
  if (publishLifecycle)
    lifecycle = trackLifecycle(broker, (client) => deviceOf.get(client), publishLifecycle, log);
  broker.on("client", () => {
    metrics.connected += 1;
  });
  broker.on("clientDisconnect", () => {
    metrics.connected -= 1;
  });
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;

  return {
    port: boundPort,
    broker,
    metrics,
    async stop() {
      // No new devices; publishes already handed to SQS still get their PUBACK before the
      // connections close, so a clean stop does not cause a wave of resends.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
      lifecycle?.stopping();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await closed;
      // The devices' disconnected events, handed on as the broker let them go.
      await lifecycle?.settled();
    },
  };
}
