package org.estate.platform.backup;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Estate cannot copy this database consistently by itself (PostgreSQL, or an in-memory database):
 * 501 problem details saying what to use instead.
 */
public class BackupUnavailableException extends ErrorResponseException {

    BackupUnavailableException(String detail) {
        super(HttpStatus.NOT_IMPLEMENTED, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_IMPLEMENTED, detail);
        p.setTitle("Backup not available from Estate on this database");
        return p;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
