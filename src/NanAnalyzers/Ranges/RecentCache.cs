using System;
using System.Collections.Generic;

namespace NanAnalyzers.Ranges
{
    /// <summary>
    /// The last few values computed per key, for work that is asked for in bursts: every rule asks for the ranges of a
    /// body while the driver runs that body's operation actions, and rarely afterwards. Keeping every body's analysis
    /// (its graph, its operations, its ranges) for the life of the compilation made the memory, and the collector's work,
    /// grow with the size of the project; a value evicted and asked for again is computed again, to the same result.
    /// Thread-safe; a value may be computed twice when two threads miss at once (the first stored wins).
    /// </summary>
    internal sealed class RecentCache<TKey, TValue>
        where TKey : class
        where TValue : class
    {
        private readonly object gate = new object();
        private readonly TKey?[] keys;
        private readonly TValue?[] values;
        private int next;

        public RecentCache(int capacity)
        {
            keys = new TKey?[capacity];
            values = new TValue?[capacity];
        }

        public TValue GetOrAdd(TKey key, Func<TKey, TValue> compute)
        {
            if (TryGet(key, out var found))
            {
                return found;
            }

            var computed = compute(key);
            lock (gate)
            {
                for (var i = 0; i < keys.Length; i++)
                {
                    if (ReferenceEquals(keys[i], key))
                    {
                        return values[i]!;
                    }
                }

                keys[next] = key;
                values[next] = computed;
                next = (next + 1) % keys.Length;
            }

            return computed;
        }

        private bool TryGet(TKey key, out TValue value)
        {
            lock (gate)
            {
                for (var i = 0; i < keys.Length; i++)
                {
                    if (ReferenceEquals(keys[i], key))
                    {
                        value = values[i]!;
                        return true;
                    }
                }
            }

            value = null!;
            return false;
        }
    }
}
