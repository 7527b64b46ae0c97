import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The model shipped with this build (model/artifacts), found from the code, not the working directory. */
export const SHIPPED_MODEL_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts', 'model.onnx');
