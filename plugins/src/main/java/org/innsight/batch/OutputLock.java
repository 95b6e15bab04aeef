package org.innsight.batch;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The lock of a batch's output folder: a second batch on the same folder (and shard) is refused, and told who
 * holds it. The lock is the operating system's ({@link FileChannel#tryLock()}) on a small file in the folder, so it
 * goes away with its process, even after {@code kill -9}; the file holds the holder's pid, host and start time for
 * the message. A file left with a holder in it whose lock is gone (the process died) is a stale lock: it is taken
 * over, and {@link #staleHolder()} says whose it was. On {@link #close()} the holder is cleared and the lock
 * released; the (empty) file stays, so that no second process can lock a deleted copy of it.
 */
public final class OutputLock implements AutoCloseable {

	/** The lock file of a run over all scans; a shard has its own, so shards of one batch can share a folder. */
	public static String fileName(final Shard shard) {
		return shard.isAll() ? ".innsight-batch.lock" : ".innsight-batch-shard-" + shard.index() + "-of-" + shard.count() + ".lock";
	}

	private final Path file;
	private final FileChannel channel;
	private final FileLock lock;
	private final String staleHolder;

	private OutputLock(final Path file, final FileChannel channel, final FileLock lock, final String staleHolder) {
		this.file = file;
		this.channel = channel;
		this.lock = lock;
		this.staleHolder = staleHolder;
	}

	/**
	 * Locks {@code folder} (which must exist) for this process.
	 *
	 * @throws IllegalStateException when another run holds it: the message names the folder, the holder (pid,
	 *         host, start time) and what to do
	 */
	public static OutputLock acquire(final Path folder, final Shard shard) throws IOException {
		final Path file = folder.resolve(fileName(shard));
		final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
		FileLock lock = null;
		try {
			try {
				lock = channel.tryLock();
			}
			catch (final OverlappingFileLockException e) { // held by this JVM (another batch in the same Fiji)
				lock = null;
			}
			if (lock == null) {
				final String holder = read(channel);
				throw new IllegalStateException("output folder " + folder + " is in use by another batch run (" +
					(holder.isEmpty() ? "holder unknown" : holder) + "); wait for it to finish or give another --out (lock file " + file + ")");
			}
			final String previous = read(channel);
			channel.truncate(0);
			channel.write(ByteBuffer.wrap(describeThisProcess().getBytes(StandardCharsets.UTF_8)), 0);
			channel.force(true);
			return new OutputLock(file, channel, lock, previous.isEmpty() ? null : previous);
		}
		catch (final IOException | RuntimeException e) {
			if (lock != null) lock.release();
			channel.close();
			throw e;
		}
	}

	/** "pid 1234 on host lab-3, started 2024-05-01T10:00:00Z", as the lock file holds it. */
	static String describeThisProcess() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (final IOException e) {
			host = "unknown host";
		}
		final Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now()).truncatedTo(ChronoUnit.SECONDS);
		return "pid " + ProcessHandle.current().pid() + " on host " + host + ", started " + started;
	}

	private static String read(final FileChannel channel) throws IOException {
		final long size = Math.min(channel.size(), 4096);
		final ByteBuffer b = ByteBuffer.allocate((int) size);
		while (b.hasRemaining() && channel.read(b, b.position()) > 0) {
			// read it all
		}
		return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip().replace('\n', ' ');
	}

	/** The holder recorded by a run that died holding the lock, or null when the lock was free. */
	public String staleHolder() {
		return staleHolder;
	}

	public Path file() {
		return file;
	}

	@Override
	public void close() throws IOException {
		try {
			channel.truncate(0);
		}
		finally {
			try {
				lock.release();
			}
			finally {
				channel.close();
			}
		}
	}
}
