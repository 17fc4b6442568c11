package io.squall.topology;

/** Why a DRPC request failed. */
public enum DRPCExceptionType {
    /** The DRPC server failed on its own account. */
    INTERNAL_ERROR,
    /** The DRPC server is shutting down. */
    SERVER_SHUTDOWN,
    /** No result came within the request timeout. */
    SERVER_TIMEOUT,
    /** The topology failed the request. */
    FAILED_REQUEST
}
