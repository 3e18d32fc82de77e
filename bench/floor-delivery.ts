/**
 * How the floor's worker hands an order on: the job it gets, and the delivery it calls
 * per job (HTTP to the sink: floor-http.ts; batched files over SFTP: floor-sftp.ts),
 * with the worker concurrency that delivery needs.
 */
export interface FloorJob {
  /** 26 hex characters (fits the 26-character order id field of the flat files). */
  id: string;
  order: unknown;
}

export interface FloorDelivery {
  concurrency: number;
  /** Resolves once the order is delivered; a rejection fails the job (the floor does not retry). */
  deliver(job: FloorJob): Promise<void>;
}
