/** A launch (or LTI request) the tool refuses, with the message the learner or LMS admin sees and the HTTP status. */
export class LaunchRefusedError extends Error {
  override name = 'LaunchRefusedError';
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
