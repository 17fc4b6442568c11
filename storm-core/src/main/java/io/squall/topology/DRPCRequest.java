package io.squall.topology;

/**
 * A request a DRPC topology fetched: its arguments and id; an empty id when there was none waiting.
 *
 * @param func_args  the request's arguments
 * @param request_id the id to return the result under
 */
public record DRPCRequest(String func_args, String request_id) {
    /** The arguments. */
    public String get_func_args() {
        return func_args;
    }

    /** The id; empty when no request was waiting. */
    public String get_request_id() {
        return request_id;
    }
}
