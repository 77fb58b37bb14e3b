package dev.nn4j.tensor;

import java.util.function.Function;

/**
 * The temporaries of the fused kernels' defaults ({@link Kernels}): tensors, reshaped views and
 * small host-side plans, kept per thread and reused, so that a default called again with the
 * same shapes allocates nothing.
 *
 * <p><b>Keys.</b> A temporary is found by its call site (an object the caller owns, compared by
 * identity), an optional key (compared with {@code equals}, e.g. the {@link ConvGeometry}), the
 * backend, the dtype and the dimensions. Within one kernel call every temporary needs its own
 * site, or two requests of one shape would return the same tensor. A temporary's content is
 * whatever its last user left, except that a newly created one is zero ({@link #created()}):
 * callers either overwrite it or rely on zeros only they can have disturbed.
 *
 * <p><b>Memory bound.</b> Per thread at most {@value #MAX_TENSORS} tensors (each one
 * temporary of one kernel, the largest being a convolution's im2col matrix of
 * {@code N·C·kh·kw·Ho·Wo} elements; a thread holds only those its kernels asked for),
 * {@value #MAX_VIEWS} views (no storage of their own, but each keeps the tensor it views
 * reachable) and {@value #MAX_PLANS} plans. When a thread needs one more, the least recently
 * used is dropped; a dropped tensor is {@link Tensor#close() closed}, which frees native memory
 * at once. The training step of a small CNN (two convolutions, batch norm, two max pools, two
 * dense layers) on the defaults alone holds about 40 tensors; a step whose kernels need more
 * than the bound re-creates some of them every step: correct, but allocating.
 * {@link #releaseCurrentThread()} closes the calling thread's tensors; a thread that ends
 * leaves them to the garbage collector.
 *
 * <p><b>Threads.</b> Each thread has its own instance ({@link #current()}); an instance and the
 * tensors it returns must be used by that thread only, and only until its next request for
 * the same site: they belong to the scratch, never to the caller's results.
 *
 * <p><b>Views.</b> {@link #read} and {@link #write} give a tensor in another shape of equal
 * size. On a backend whose {@link Backend#reshape} shares storage (plain, EJML, ND4J), both
 * return a view, cached per tensor and shape, and {@link #commit} does nothing. On a backend
 * whose reshape copies (the interface's default), {@code read} returns a fresh copy on every call
 * and {@code write} a temporary that {@code commit} copies back: correct, at the cost of those
 * copies. Which kind a backend is, is found once per backend and thread by writing through a
 * view of a two-element tensor ({@link #sharesStorage}). Views are cached by the identity of
 * the tensor viewed, so a caller that passes a new tensor every call (a new reshape of its
 * buffer, say) costs a new view every call: the defaults view only parameters, outputs and
 * their own temporaries, and copy or use in their own shape the inputs and incoming gradients.
 *
 * <p><b>Requests.</b> The dimensions of the next request are set with {@link #dims(int)} and
 * its overloads (ranks 1 to 4) and consumed by the {@link #tensor}, {@link #read} or
 * {@link #write} that follows, so no array is allocated: {@code s.dims(n, k, p).tensor(COLS,
 * g, backend, dtype)}. Nothing else may use the scratch in between: a request in the argument
 * of another ({@code s.dims(a).read(f(s))}) is made first, into a local.
 */
public final class KernelScratch {
    /** Tensors kept per thread. */
    public static final int MAX_TENSORS = 64;
    /** Views kept per thread. */
    public static final int MAX_VIEWS = 64;
    /** Plans ({@link #memo}) kept per thread. */
    public static final int MAX_PLANS = 16;

    private static final ThreadLocal<KernelScratch> CURRENT = ThreadLocal.withInitial(KernelScratch::new);

    /** Backends whose reshape this thread has probed, and the answers (most recent first). */
    private static final int PROBED = 8;

    /** One cached object: a tensor, a view or a plan. */
    private static final class Entry {
        Object site;
        Object key;
        Backend backend;
        DType dtype;
        /** For views: the tensor viewed. */
        Tensor base;
        final int[] dims = new int[Shape.MAX_RANK];
        int rank;
        Object value;
        long used;
    }

    private final Entry[] tensors = newEntries(MAX_TENSORS);
    private final Entry[] views = newEntries(MAX_VIEWS);
    private final Entry[] plans = newEntries(MAX_PLANS);
    private final Backend[] probed = new Backend[PROBED];
    private final boolean[] shares = new boolean[PROBED];
    private final int[] want = new int[Shape.MAX_RANK];
    private int wantRank = -1;
    private long clock;
    private boolean created;

    private KernelScratch() {
    }

    private static Entry[] newEntries(int n) {
        Entry[] entries = new Entry[n];
        for (int i = 0; i < n; i++) {
            entries[i] = new Entry();
        }
        return entries;
    }

    /** The calling thread's scratch. */
    public static KernelScratch current() {
        return CURRENT.get();
    }

    /**
     * Closes and forgets the calling thread's tensors, views and plans (e.g. before a pooled
     * thread goes idle, or in tests that measure memory). The next request creates anew.
     */
    public static void releaseCurrentThread() {
        KernelScratch s = CURRENT.get();
        for (Entry e : s.tensors) {
            s.clear(e, true);
        }
        for (Entry e : s.views) {
            s.clear(e, false);
        }
        for (Entry e : s.plans) {
            s.clear(e, false);
        }
    }

    // ---- the shape of the next request ----

    /** Sets the next request's shape to {@code [d0]}. */
    public KernelScratch dims(int d0) {
        want[0] = d0;
        wantRank = 1;
        return this;
    }

    /** Sets the next request's shape to {@code [d0 x d1]}. */
    public KernelScratch dims(int d0, int d1) {
        want[0] = d0;
        want[1] = d1;
        wantRank = 2;
        return this;
    }

    /** Sets the next request's shape to {@code [d0 x d1 x d2]}. */
    public KernelScratch dims(int d0, int d1, int d2) {
        want[0] = d0;
        want[1] = d1;
        want[2] = d2;
        wantRank = 3;
        return this;
    }

    /** Sets the next request's shape to {@code [d0 x d1 x d2 x d3]}. */
    public KernelScratch dims(int d0, int d1, int d2, int d3) {
        want[0] = d0;
        want[1] = d1;
        want[2] = d2;
        want[3] = d3;
        wantRank = 4;
        return this;
    }

    /**
     * Sets the next request's shape to {@code like}'s, with every dimension {@code i} whose bit
     * {@code 1 << i} is set in {@code onesMask} replaced by 1 (0: the same shape; {@code 1 << axis}:
     * reduced along {@code axis}; {@code -1}: all ones).
     */
    public KernelScratch dimsOf(Tensor like, int onesMask) {
        Shape s = like.shape();
        wantRank = s.rank();
        for (int i = 0; i < wantRank; i++) {
            want[i] = (onesMask & (1 << i)) != 0 ? 1 : s.dim(i);
        }
        return this;
    }

    private int takeRank(String what) {
        int r = wantRank;
        if (r < 0) {
            throw new IllegalStateException("KernelScratch." + what + ": set the shape with dims(...) first");
        }
        wantRank = -1;
        return r;
    }

    private boolean matches(Entry e, int rank) {
        if (e.rank != rank) {
            return false;
        }
        for (int i = 0; i < rank; i++) {
            if (e.dims[i] != want[i]) {
                return false;
            }
        }
        return true;
    }

    private Shape wantedShape(int rank) {
        int[] d = new int[rank];
        System.arraycopy(want, 0, d, 0, rank);
        return Shape.of(d);
    }

    // ---- tensors ----

    /**
     * A temporary of the shape set by {@code dims(...)}, found by {@code site}, {@code key}
     * ({@code null} for none), {@code backend} and {@code dtype}, else created (zeros) with
     * {@code backend.create}; {@link #created()} tells which.
     */
    public Tensor tensor(Object site, Object key, Backend backend, DType dtype) {
        int rank = takeRank("tensor");
        Entry free = null;
        for (Entry e : tensors) {
            if (e.value == null) {
                free = free == null ? e : free;
            } else if (e.site == site && e.backend == backend && e.dtype == dtype && matches(e, rank)
                    && (key == null ? e.key == null : key.equals(e.key))) {
                e.used = ++clock;
                created = false;
                return (Tensor) e.value;
            }
        }
        Entry slot = free != null ? free : leastRecent(tensors);
        clear(slot, true);
        Tensor t = backend.create(dtype, wantedShape(rank));
        fill(slot, site, key, backend, dtype, null, rank, t);
        created = true;
        return t;
    }

    /** A temporary with {@code like}'s backend, dtype and shape (see {@link #tensor}). */
    public Tensor like(Object site, Tensor like) {
        return dimsOf(like, 0).tensor(site, null, like.backend(), like.dtype());
    }

    /** Whether the last {@link #tensor} or {@link #like} call created its tensor (so it holds zeros). */
    public boolean created() {
        return created;
    }

    // ---- views ----

    /**
     * {@code t} in the shape set by {@code dims(...)} (same size), for reading: {@code t} itself
     * when the shapes are equal, else a cached view, or a fresh copy on a backend whose reshape
     * copies.
     */
    public Tensor read(Tensor t) {
        int rank = takeRank("read");
        if (sameShape(t, rank)) {
            return t;
        }
        if (!probe(t.backend())) {
            return t.backend().reshape(t, wantedShape(rank));
        }
        return view(t, rank);
    }

    /**
     * {@code t} in the shape set by {@code dims(...)} (same size), for writing: {@code t}
     * itself when the shapes are equal, else a cached view, or on a backend whose reshape
     * copies a temporary found by {@code site}. Call {@link #commit} when done writing.
     */
    public Tensor write(Object site, Tensor t) {
        int rank = takeRank("write");
        if (sameShape(t, rank)) {
            return t;
        }
        if (!probe(t.backend())) {
            wantRank = rank;
            return tensor(site, null, t.backend(), t.dtype());
        }
        return view(t, rank);
    }

    /**
     * Completes a {@link #write}: when {@code written} is a temporary standing in for {@code t}
     * (a backend whose reshape copies), copies it into {@code t} with {@code p}; else nothing.
     */
    public void commit(Primitives p, Tensor written, Tensor t) {
        if (written != t && !probe(t.backend())) {
            p.copy(t.backend().reshape(written, t.shape()), t);
        }
    }

    private boolean sameShape(Tensor t, int rank) {
        Shape s = t.shape();
        if (s.rank() != rank) {
            return false;
        }
        for (int i = 0; i < rank; i++) {
            if (s.dim(i) != want[i]) {
                return false;
            }
        }
        return true;
    }

    private Tensor view(Tensor t, int rank) {
        Entry free = null;
        for (Entry e : views) {
            if (e.value == null) {
                free = free == null ? e : free;
            } else if (e.base == t && matches(e, rank)) {
                e.used = ++clock;
                return (Tensor) e.value;
            }
        }
        Entry slot = free != null ? free : leastRecent(views);
        clear(slot, false);
        Tensor v = t.backend().reshape(t, wantedShape(rank));
        fill(slot, null, null, t.backend(), t.dtype(), t, rank, v);
        return v;
    }

    /**
     * Whether {@code backend}'s reshape returns views that share storage: probed once per
     * backend and thread by writing through a view of a two-element tensor.
     */
    public static boolean sharesStorage(Backend backend) {
        return CURRENT.get().probe(backend);
    }

    private boolean probe(Backend backend) {
        for (int i = 0; i < PROBED; i++) {
            if (probed[i] == backend) {
                return shares[i];
            }
        }
        Tensor t = backend.create(DType.FLOAT32, Shape.of(2));
        Tensor v = backend.reshape(t, Shape.of(1, 2));
        v.set(1.0, 0, 1);
        boolean viewing = v != t && t.get(1) == 1.0;
        if (!viewing) {
            v.close();
        }
        t.close();
        System.arraycopy(probed, 0, probed, 1, PROBED - 1);
        System.arraycopy(shares, 0, shares, 1, PROBED - 1);
        probed[0] = backend;
        shares[0] = viewing;
        return viewing;
    }

    // ---- plans ----

    /**
     * A host-side object (index arrays, region bounds) found by {@code site} and {@code key}
     * ({@code equals}), else made by {@code make.apply(key)}; pass a method reference that
     * captures nothing, so that a hit allocates nothing. Plans must be immutable.
     */
    @SuppressWarnings("unchecked")
    public <K, T> T memo(Object site, K key, Function<? super K, ? extends T> make) {
        Entry free = null;
        for (Entry e : plans) {
            if (e.value == null) {
                free = free == null ? e : free;
            } else if (e.site == site && key.equals(e.key)) {
                e.used = ++clock;
                return (T) e.value;
            }
        }
        Entry slot = free != null ? free : leastRecent(plans);
        T plan = make.apply(key);
        fill(slot, site, key, null, null, null, 0, plan);
        return plan;
    }

    // ---- bookkeeping ----

    private void fill(Entry e, Object site, Object key, Backend backend, DType dtype, Tensor base, int rank,
                      Object value) {
        e.site = site;
        e.key = key;
        e.backend = backend;
        e.dtype = dtype;
        e.base = base;
        e.rank = rank;
        System.arraycopy(want, 0, e.dims, 0, rank);
        e.value = value;
        e.used = ++clock;
    }

    private static Entry leastRecent(Entry[] entries) {
        Entry oldest = entries[0];
        for (Entry e : entries) {
            if (e.used < oldest.used) {
                oldest = e;
            }
        }
        return oldest;
    }

    /** Empties {@code e}; a tensor entry's tensor is closed and the views of it are dropped. */
    private void clear(Entry e, boolean close) {
        Object value = e.value;
        e.value = null;
        e.site = null;
        e.key = null;
        e.backend = null;
        e.base = null;
        if (close && value instanceof Tensor t) {
            for (Entry v : views) {
                if (v.base == t) {
                    clear(v, false);
                }
            }
            t.close();
        }
    }
}
