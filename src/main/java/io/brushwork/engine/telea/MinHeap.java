package io.brushwork.engine.telea;

import java.util.Arrays;

/**
 * A binary min-heap of (priority, index) pairs on primitive arrays. Entries are never decreased in place: callers
 * push again and skip stale entries when they pop, which is simpler and as fast for fast marching.
 */
final class MinHeap {
    private double[] keys = new double[256];
    private int[] values = new int[256];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    void push(double key, int value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (keys[parent] <= key) {
                break;
            }
            keys[i] = keys[parent];
            values[i] = values[parent];
            i = parent;
        }
        keys[i] = key;
        values[i] = value;
    }

    double peekKey() {
        return keys[0];
    }

    /** Removes the smallest entry and returns its value; read {@link #peekKey()} first for its priority. */
    int pop() {
        int top = values[0];
        size--;
        if (size > 0) {
            double key = keys[size];
            int value = values[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= key) {
                    break;
                }
                keys[i] = keys[child];
                values[i] = values[child];
                i = child;
            }
            keys[i] = key;
            values[i] = value;
        }
        return top;
    }
}
