/**
 * A copy of the shipped model with another version in its metadata, signed with the DEMO key: a model to
 * install in demonstrations, tests and the scale benchmark (same trees, so the same scores).
 */
import fs from 'node:fs';
import path from 'node:path';
import { signModelFile } from '../model/model-file/model-signature.js';
import { DEMO_PRIVATE_KEY_PATH } from '../model/keys/trusted-keys.js';
import { SHIPPED_MODEL_PATH as SHIPPED_MODEL } from '../model/model-file/shipped-model-path.js';

/** Writes dir/candidate/model.onnx (+ .sig): the shipped model re-versioned from `shippedVersion`. */
export function newerModel(dir: string, shippedVersion: string): string {
  const file = path.join(dir, 'candidate', 'model.onnx');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const bytes = fs.readFileSync(SHIPPED_MODEL);
  const text = bytes.toString('latin1');
  const from = `"model_version":"${shippedVersion}"`;
  const at = text.indexOf(from);
  if (at <= 0) throw new Error(`newerModel: ${from} not found in the shipped model`);
  // Same length, so the protobuf framing around the metadata string stays valid.
  const to = `"model_version":"${shippedVersion.slice(0, -1)}${shippedVersion.endsWith('9') ? '8' : '9'}"`;
  bytes.write(to, at, 'latin1');
  fs.writeFileSync(file, bytes);
  signModelFile(file, fs.readFileSync(DEMO_PRIVATE_KEY_PATH, 'utf8'));
  return file;
}
