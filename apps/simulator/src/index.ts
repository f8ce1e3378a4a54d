export { type Fleet, type FleetDevice, type FleetOptions, type FleetStats, startFleet } from "./fleet/fleet";
export { CredentialStore, ensureSimulatedDevices, simulatorTag } from "./fleet/registry";
