/**
 * What the hub lends every connector instance beside its settings: the registered
 * devices, control numbers and awaited acknowledgements. Each is kept in Redis by the
 * runtime; `hub dry-run` lends stand-ins that touch nothing (cli/offline-services.ts).
 */
import type { Acknowledgements, ControlNumbers, Devices } from '../sdk/connector.js';

export interface InstanceServices {
  devices: Devices;
  controlNumbers: { forInstance(instance: string): ControlNumbers };
  acknowledgements: { forInstance(instance: string): Acknowledgements };
}
