/**
 * Storm's blob store (distributed cache): {@link io.squall.blobstore.ClientBlobStore} to create, update, read and
 * delete blobs ({@code Utils.getClientBlobStore(conf)} gives Nimbus's, or the local cluster's in local mode),
 * {@link io.squall.blobstore.BlobStoreAclHandler} for their access control lists, the store Nimbus keeps on disk
 * ({@link io.squall.blobstore.LocalFsBlobStore}) and the localizer that puts the blobs a topology names in
 * {@code topology.blobstore.map} into its workers' working directories ({@link io.squall.blobstore.BlobLocalizer}).
 */
package io.squall.blobstore;
