// Types for gen-k8s-schemas.mjs, so the test that checks schemas/kubernetes.json is typechecked.

/** The text of schemas/kubernetes.json as the script would write it. */
export declare function generateK8sSchemas(): Promise<string>;
