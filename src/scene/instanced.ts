/** Instanced meshes the twin moves every frame: created once per model, updated in place. */
import { Color, DynamicDrawUsage, InstancedMesh, SRGBColorSpace, type BufferGeometry, type Group, type Material } from 'three';

const GREY = new Color().setRGB(0.65, 0.7, 0.75, SRGBColorSpace);

/** `count` instances of `geo` added to `root`, or null when there are none; `colored` gives each its own colour. */
export function instancedMesh(root: Group, geo: BufferGeometry, mat: Material, count: number, colored: boolean): InstancedMesh | null {
  if (count === 0) return null;
  const mesh = new InstancedMesh(geo, mat, count);
  mesh.instanceMatrix.setUsage(DynamicDrawUsage);
  mesh.frustumCulled = false;
  if (colored) {
    // create the colour buffer before the first draw so the shader is compiled with it
    for (let i = 0; i < count; i++) mesh.setColorAt(i, GREY);
    mesh.instanceColor?.setUsage(DynamicDrawUsage);
  }
  root.add(mesh);
  return mesh;
}
