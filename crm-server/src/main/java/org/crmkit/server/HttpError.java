package org.crmkit.server;

import java.util.List;
import org.crmkit.json.CrmError;
import org.crmkit.shared.FieldError;

/**
 * An error the HTTP layer itself answers (no token, an unknown route, an oversized body, a malformed id), with its
 * status and error document. Use case refusals are crmkit exceptions and map to statuses in {@link CrmServer}.
 */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient CrmError error;

  HttpError(int status, String code, String message) {
    this(status, new CrmError(code, message, List.of(), null, null));
  }

  HttpError(int status, CrmError error) {
    super(error.message(), null, false, false);
    this.status = status;
    this.error = error;
  }

  static HttpError badParameter(String name, String message) {
    return new HttpError(400, new CrmError("VALIDATION", "Invalid input: " + name + ": " + message,
        List.of(new FieldError(name, message)), null, null));
  }

  int status() {
    return status;
  }

  CrmError error() {
    return error;
  }
}
