/**
 * Where a target under test delivers: the HTTP sink playing the XML OMS, or the SFTP
 * server of the flat-file OMS (the hub's oms-sftp instance settings, and the same
 * server and batch size for the floor).
 */
export interface FloorSftpConfig {
  host: string;
  port: number;
  username: string;
  privateKey: string;
  /** Folder the order files go to, as the SFTP client sees it. */
  inbox: string;
  /** Orders per file. */
  batch: number;
  /** A file is written at the latest this long after its first order. */
  maxWaitMs: number;
}

export type Delivery =
  | { kind: 'http'; sinkUrl: string }
  | { kind: 'sftp'; hubInstance: Record<string, unknown>; floor: FloorSftpConfig };
