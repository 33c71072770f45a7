/**
 * An edit from request to result, with no HTTP. {@link io.brushwork.edit.EditService} carries one edit's journey
 * (admission, the form, the prompt screen, the in-flight hold, the {@link io.brushwork.edit.EditPipeline} on a
 * worker, the {@link io.brushwork.edit.ResultStore}, the usage row) for any edge that implements a
 * {@link io.brushwork.edit.Submission}. {@link io.brushwork.edit.EditRequestReader} validates a form into an
 * {@link io.brushwork.edit.EditRequest} whose model is already resolved through the
 * {@link io.brushwork.edit.ModelCatalog}. Refusals are the closed family {@link io.brushwork.edit.EditException}.
 */
package io.brushwork.edit;
