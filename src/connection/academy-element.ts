import type { PropertyDeclarations } from 'lit';
import { LtaElement } from '../internal/lta-element.js';
import { answerAcademyRequests, requestAcademy } from './context.js';
import { configureAcademy } from './page-academy.js';
import type { AcademySource, AcademyStatus } from './types.js';

/**
 * Base class of the widgets that talk to the academy: the configuration attributes every widget accepts, the
 * page's shared connection (through `academyContext`), and the connection status as reactive state.
 */
export class AcademyElement extends LtaElement {
  static override properties: PropertyDeclarations = {
    server: { reflect: true },
    database: { reflect: true },
    token: {},
    tokenStorage: { attribute: 'token-storage' },
    source: { attribute: false },
    status: { state: true },
    pageSettled: { state: true },
  };

  /**
   * The academy host's URL (default: this page's origin, when `database` is set). Set it here, on
   * `<lta-academy>`, or once per page with `configureAcademy()`: the first configuration on the page wins.
   */
  server?: string;

  /** The database the academy module is published as. */
  database?: string;

  /** A token from the site's or LMS's own sign-in; the learner then has that identity. */
  token?: string;

  /** `local` (default) remembers the learner's token in localStorage; `none` keeps it for this page only. */
  tokenStorage: 'local' | 'none' = 'local';

  /**
   * The data source. Defaults to the page's academy; set it to a `StaticAcademy` to render fixed rows
   * (stories, tests, previews without a server).
   */
  source?: AcademySource;

  /** The connection's status, for rendering. */
  protected status?: AcademyStatus;

  /** Set once the page has loaded and had a moment to configure its academy. */
  private pageSettled = false;

  /**
   * True once the page has loaded with no academy configured (no `<lta-academy server database>`, no `database`
   * here, no `configureAcademy()`): the widget then says so instead of loading forever.
   */
  protected get notConfigured(): boolean {
    return this.pageSettled && !this.academy;
  }

  #fromContext?: AcademySource;
  #stopContext?: () => void;
  #stopStatus?: () => void;
  #statusOf?: AcademySource;

  constructor() {
    super();
    answerAcademyRequests();
    // Asked for on every connection and dropped on disconnection, as Lit's ContextConsumer does.
    this.addController({
      hostConnected: () => requestAcademy(this, this.#fromPage),
      hostDisconnected: () => {
        this.#stopContext?.();
        this.#stopContext = undefined;
      },
    });
  }

  /** The answer to the academy request, now and on each change; another answerer ends the previous one's. */
  #fromPage = (source: AcademySource | undefined, unsubscribe?: () => void): void => {
    if (this.#stopContext && this.#stopContext !== unsubscribe) this.#stopContext();
    this.#stopContext = unsubscribe;
    this.#fromContext = source;
    this.requestUpdate();
  };

  /** The academy this widget shows: its own `source`, else the page's. */
  get academy(): AcademySource | undefined {
    return this.source ?? this.#fromContext;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#configure();
    if (!this.pageSettled) afterPageSettles(() => (this.pageSettled = true));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopStatus?.();
    this.#stopStatus = undefined;
    this.#statusOf = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('server') || changed.has('database') || changed.has('token')) this.#configure();
    const academy = this.academy;
    if (academy !== this.#statusOf) {
      this.#stopStatus?.();
      this.#statusOf = academy;
      this.status = academy?.status;
      this.#stopStatus = academy?.onStatus((status) => (this.status = status));
    }
  }

  #configure(): void {
    if (this.source || !this.isConnected || !this.database) return;
    this.#fromContext = configureAcademy(
      {
        server: this.server || location.origin,
        database: this.database,
        token: this.token,
        rememberToken: this.tokenStorage !== 'none',
      },
      `<${this.localName}>`,
    );
  }
}

/** How long after `load` a page may still configure its academy (a late script) before widgets say it has none. */
const SETTLE_MS = 1000;

function afterPageSettles(callback: () => void): void {
  const wait = () => setTimeout(callback, SETTLE_MS);
  if (document.readyState === 'complete') wait();
  else window.addEventListener('load', wait, { once: true });
}
