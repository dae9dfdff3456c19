// terraform and the cdktf CLI treat the missing TF_CLI_CONFIG_FILE as an error source; tests never need it.
delete process.env.TF_CLI_CONFIG_FILE;
process.env.CHECKPOINT_DISABLE = "1";
