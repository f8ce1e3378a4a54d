/** A bare aedes broker, no authentication, no bridge: the MQTT hop's own ceiling. */
import { createServer } from "node:net";
import { Aedes } from "aedes";
import { tell } from "../processes";

const broker = await Aedes.createBroker({ maxClientsIdLength: 128 });
const server = createServer(broker.handle);
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  tell({ type: "ready", mqttPort: typeof address === "object" && address ? address.port : 0 });
});
process.on("SIGTERM", () => broker.close(() => server.close(() => process.exit(0))));
