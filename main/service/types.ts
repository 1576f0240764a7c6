/** Handler shapes: one per contract entry, checked against the contract by the compiler. */
import type {
  ApiError,
  CallName,
  CallResult,
  ParsedCallArgs,
  ParsedSubscriptionArgs,
  SubscriptionEvent,
  SubscriptionName,
} from '../contract';
import type { DownloadOffer } from '../browser/downloads';
import type { EngineManager } from '../engine/engine-manager';

export interface ServiceContext {
  engine: EngineManager;
  /** Folder where the app keeps its own files (progress, lab files); per-user in Electron. */
  dataDir: string;
  /**
   * Desktop app: asks the user where to save a file with the native save dialog (opened by main,
   * so the renderer never names a path). Resolves undefined when the user cancels.
   */
  chooseSavePath?: (suggestedName: string) => Promise<string | undefined>;
  /**
   * Desktop app: asks the user for a folder (a build context) with the native folder dialog
   * opened by main. Resolves undefined when the user cancels. Browser mode has none: there the
   * typed path is the user's own choice.
   */
  chooseFolder?: (title: string) => Promise<string | undefined>;
  /** Browser mode: registers a streamed download and returns the one-time URL path to fetch it. */
  offerDownload?: (offer: DownloadOffer) => string;
}

export type CallHandler<N extends CallName> = (args: ParsedCallArgs<N>) => Promise<CallResult<N>>;
export type CallHandlers = { [N in CallName]: CallHandler<N> };

export interface SubscriptionSink<E> {
  emit(event: E): void;
  /** Reports a stream failure to the subscriber; the subscription stays until it unsubscribes. */
  fail(error: unknown): void;
  /**
   * Present for subscriptions the dispatcher re-opens after the engine comes back: kept across
   * re-opens, so a handler can continue where it stopped (e.g. the last log timestamp).
   */
  resume?: ResumeState;
}

export interface ResumeState {
  /** 0 on the first open, then 1, 2, ... for each re-open after a reconnect. */
  reopened: number;
  /** Whatever the handler keeps to continue where it stopped. */
  data: Record<string, unknown>;
}

/** Opens whatever streams the subscription needs and returns the function that closes them all. */
export type SubscriptionHandler<N extends SubscriptionName> = (
  args: ParsedSubscriptionArgs<N>,
  sink: SubscriptionSink<SubscriptionEvent<N>>,
) => Promise<() => void> | (() => void);
export type SubscriptionHandlers = { [N in SubscriptionName]: SubscriptionHandler<N> };

export type ErrorLike = ApiError;
