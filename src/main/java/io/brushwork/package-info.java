/**
 * Brushwork's composition root: {@link io.brushwork.Brushwork} wires one server's database, keys, image store and
 * usage log around an {@link io.brushwork.Editor}, which wires everything an edit needs from the configuration
 * (routes, models, the form reader, the pipeline and the worker pool) around the backends it is given, and closes
 * them. {@code Brushwork.BACKEND_TYPES} is the one list of backend types. The HTTP server ({@code api}) and the
 * command line ({@code cli}) start from here; no feature package imports this one.
 */
package io.brushwork;
